namespace SmallCaps.Parquet;

/// <summary>Values of a Boolean column.</summary>
public sealed class BooleanColumnBuffer : FixedWidthColumnBuffer<bool>
{
    internal BooleanColumnBuffer(ColumnSpec spec, int capacity)
        : base(spec, capacity)
    {
    }
}
