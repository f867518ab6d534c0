namespace SmallCaps.Parquet;

/// <summary>Values of a Int32 and Date (days since 1970-01-01) column.</summary>
public sealed class Int32ColumnBuffer : FixedWidthColumnBuffer<int>
{
    internal Int32ColumnBuffer(ColumnSpec spec, int capacity)
        : base(spec, capacity)
    {
    }
}
