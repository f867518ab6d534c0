namespace SmallCaps.Parquet;

/// <summary>Column chunk statistics from the footer, with bounds decoded to the column's value type where possible.</summary>
public sealed class ParquetStatistics
{
    /// <summary>Minimum: int, long, float, double, bool, string (STRING columns), long nanos (INT96) or byte[]; null when absent or undecodable.</summary>
    public object? Min { get; init; }

    /// <summary>Maximum, typed like <see cref="Min"/>.</summary>
    public object? Max { get; init; }

    /// <summary>PLAIN-encoded minimum as stored.</summary>
    public byte[]? RawMin { get; init; }

    /// <summary>PLAIN-encoded maximum as stored.</summary>
    public byte[]? RawMax { get; init; }

    /// <summary>Number of nulls, when written.</summary>
    public long? NullCount { get; init; }

    /// <summary>Number of NaN values (floating point columns), when written.</summary>
    public long? NanCount { get; init; }

    /// <summary>Number of distinct values, when written.</summary>
    public long? DistinctCount { get; init; }

    /// <summary>Whether <see cref="Min"/> is an actual value (not truncated), when written.</summary>
    public bool? IsMinExact { get; init; }

    /// <summary>Whether <see cref="Max"/> is an actual value (not truncated), when written.</summary>
    public bool? IsMaxExact { get; init; }

    /// <summary>True when the bounds came from the deprecated signed-order fields.</summary>
    public bool FromLegacyFields { get; init; }
}
