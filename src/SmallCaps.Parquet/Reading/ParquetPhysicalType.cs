namespace SmallCaps.Parquet;

/// <summary>The storage type of a Parquet leaf column (parquet.thrift Type).</summary>
public enum ParquetPhysicalType
{
    /// <summary>BOOLEAN.</summary>
    Boolean = 0,

    /// <summary>INT32.</summary>
    Int32 = 1,

    /// <summary>INT64.</summary>
    Int64 = 2,

    /// <summary>INT96 (legacy Impala timestamps; read as nanoseconds since the Unix epoch).</summary>
    Int96 = 3,

    /// <summary>FLOAT.</summary>
    Float = 4,

    /// <summary>DOUBLE.</summary>
    Double = 5,

    /// <summary>BYTE_ARRAY.</summary>
    ByteArray = 6,

    /// <summary>FIXED_LEN_BYTE_ARRAY.</summary>
    FixedLenByteArray = 7,
}
