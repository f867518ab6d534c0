namespace SmallCaps.Parquet;

/// <summary>Values of a Double column.</summary>
public sealed class DoubleColumnBuffer : FixedWidthColumnBuffer<double>
{
    internal DoubleColumnBuffer(ColumnSpec spec, int capacity)
        : base(spec, capacity)
    {
    }
}
