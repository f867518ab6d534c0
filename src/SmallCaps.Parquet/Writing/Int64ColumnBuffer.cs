namespace SmallCaps.Parquet;

/// <summary>Values of a Int64 and Timestamp (ticks in the column's unit since the Unix epoch) column.</summary>
public sealed class Int64ColumnBuffer : FixedWidthColumnBuffer<long>
{
    internal Int64ColumnBuffer(ColumnSpec spec, int capacity)
        : base(spec, capacity)
    {
    }
}
