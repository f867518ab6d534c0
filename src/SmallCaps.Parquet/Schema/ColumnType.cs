namespace SmallCaps.Parquet;

/// <summary>The value kinds a column can hold; each maps to one Parquet physical type.</summary>
public enum ColumnType
{
    /// <summary>INT32.</summary>
    Int32,

    /// <summary>INT64.</summary>
    Int64,

    /// <summary>DOUBLE.</summary>
    Double,

    /// <summary>BOOLEAN.</summary>
    Boolean,

    /// <summary>BYTE_ARRAY annotated STRING/UTF8.</summary>
    String,

    /// <summary>INT64 annotated TIMESTAMP(isAdjustedToUTC=true, unit).</summary>
    Timestamp,

    /// <summary>INT32 days since 1970-01-01 annotated DATE.</summary>
    Date,

    /// <summary>A three-level LIST of INT32 elements (trade conditions).</summary>
    Int32List,
}
