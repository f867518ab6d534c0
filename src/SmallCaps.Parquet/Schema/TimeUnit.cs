namespace SmallCaps.Parquet;

/// <summary>Unit of a <see cref="ColumnType.Timestamp"/> column.</summary>
public enum TimeUnit
{
    /// <summary>Milliseconds since the Unix epoch (legacy TIMESTAMP_MILLIS).</summary>
    Millis,

    /// <summary>Microseconds since the Unix epoch (legacy TIMESTAMP_MICROS).</summary>
    Micros,

    /// <summary>Nanoseconds since the Unix epoch (no legacy converted type).</summary>
    Nanos,
}
