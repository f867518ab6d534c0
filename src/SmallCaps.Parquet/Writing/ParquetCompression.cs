namespace SmallCaps.Parquet;

/// <summary>Page compression the writer applies.</summary>
public enum ParquetCompression
{
    /// <summary>No compression.</summary>
    None,

    /// <summary>Snappy block format: fast, readable everywhere (the default).</summary>
    Snappy,

    /// <summary>GZIP (RFC 1952): smaller, slower.</summary>
    Gzip,

    /// <summary>Brotli: smallest, slowest; not every old reader supports it.</summary>
    Brotli,
}
