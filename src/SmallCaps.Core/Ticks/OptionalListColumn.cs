namespace SmallCaps.Core.Ticks;

/// <summary>A page column of variable-length rows (int lists, or UTF-8 bytes of strings) with a presence flag per row.</summary>
/// <typeparam name="T">int for condition lists, byte for strings.</typeparam>
internal sealed class OptionalListColumn<T>
    where T : struct
{
    private T[] _elements = new T[4096];
    private int[] _offsets = new int[1025];
    private bool[] _present = new bool[1024];

    public int Count { get; private set; }

    public void Reset() => Count = 0;

    /// <summary>Adds an absent (null) slot for a new row.</summary>
    public void AddRow()
    {
        if (Count == _present.Length)
        {
            Array.Resize(ref _present, _present.Length * 2);
            Array.Resize(ref _offsets, (_present.Length) + 1);
        }

        _present[Count] = false;
        _offsets[Count + 1] = _offsets[Count];
        Count++;
    }

    /// <summary>Marks the last row present (an empty list until elements are appended).</summary>
    public void MarkPresent() => _present[Count - 1] = true;

    /// <summary>Adds an element to the last row.</summary>
    public void Append(T value)
    {
        var end = _offsets[Count];
        if (end == _elements.Length)
        {
            Array.Resize(ref _elements, _elements.Length * 2);
        }

        _elements[end] = value;
        _offsets[Count] = end + 1;
    }

    /// <summary>Adds elements to the last row.</summary>
    public void Append(ReadOnlySpan<T> values)
    {
        var end = _offsets[Count];
        if (end + values.Length > _elements.Length)
        {
            Array.Resize(ref _elements, Math.Max(_elements.Length * 2, end + values.Length));
        }

        values.CopyTo(_elements.AsSpan(end));
        _offsets[Count] = end + values.Length;
    }

    public bool Has(int row) => _present[row];

    public ReadOnlySpan<T> Row(int row) => _elements.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);

    /// <summary>Appends row <paramref name="row"/> of <paramref name="source"/> as a new row.</summary>
    public void CopyRow(OptionalListColumn<T> source, int row)
    {
        AddRow();
        if (source.Has(row))
        {
            MarkPresent();
            Append(source.Row(row));
        }
    }
}
