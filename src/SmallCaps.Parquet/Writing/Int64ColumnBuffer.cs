using System.Runtime.CompilerServices;

namespace SmallCaps.Parquet;

/// <summary>Values of a Int64 and Timestamp (ticks in the column's unit since the Unix epoch) column.</summary>
public sealed class Int64ColumnBuffer : ColumnBuffer
{
    private long[] _values;

    internal Int64ColumnBuffer(ColumnSpec spec, int capacity)
        : base(spec, capacity)
    {
        _values = new long[Capacity];
    }

    /// <summary>Row values; entries of null rows are default.</summary>
    internal long[] Values => _values;

    /// <summary>Appends a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(long value)
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
