namespace SmallCaps.Parquet;

/// <summary>Values of an Int32List column: per row a list of non-null ints, an empty list, or (if nullable) null.</summary>
public sealed class Int32ListColumnBuffer : ColumnBuffer
{
    private int[] _offsets;
    private int[] _elements;

    internal Int32ListColumnBuffer(ColumnSpec spec, int capacity)
        : base(spec, capacity)
    {
        _offsets = new int[Capacity + 1];
        _elements = new int[Capacity * 2];
    }

    /// <summary>Row i's elements are <c>Elements[Offsets[i]..Offsets[i + 1]]</c>.</summary>
    internal int[] Offsets => _offsets;

    internal int[] Elements => _elements;

    /// <summary>Appends one list (possibly empty).</summary>
    public void AppendList(ReadOnlySpan<int> values)
    {
        if (Count == Capacity)
        {
            Grow();
        }

        var start = _offsets[Count];
        var needed = checked(start + values.Length);
        if (needed > _elements.Length)
        {
            Array.Resize(ref _elements, (int)Math.Min(Array.MaxLength, Math.Max(needed, _elements.Length * 2L)));
        }

        values.CopyTo(_elements.AsSpan(start));
        _offsets[Count + 1] = needed;
        MarkAndAdvance(true);
    }

    /// <inheritdoc />
    public override void AppendNull()
    {
        ThrowIfRequired();
        if (Count == Capacity)
        {
            Grow();
        }

        _offsets[Count + 1] = _offsets[Count];
        MarkAndAdvance(false);
    }

    internal override void Clear()
    {
        base.Clear();
        _offsets[0] = 0;
    }

    private protected override void ResizeValues(int capacity) => Array.Resize(ref _offsets, capacity + 1);
}
