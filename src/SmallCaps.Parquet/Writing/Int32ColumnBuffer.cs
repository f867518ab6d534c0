using System.Runtime.CompilerServices;

namespace SmallCaps.Parquet;

/// <summary>Values of a Int32 and Date (days since 1970-01-01) column.</summary>
public sealed class Int32ColumnBuffer : ColumnBuffer
{
    private int[] _values;

    internal Int32ColumnBuffer(ColumnSpec spec, int capacity)
        : base(spec, capacity)
    {
        _values = new int[Capacity];
    }

    /// <summary>Row values; entries of null rows are default.</summary>
    internal int[] Values => _values;

    /// <summary>Appends a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(int value)
    {
        if (Count == Capacity)
        {
            Grow();
        }

        _values[Count] = value;
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

        _values[Count] = default;
        MarkAndAdvance(false);
    }

    private protected override void ResizeValues(int capacity) => Array.Resize(ref _values, capacity);
}
