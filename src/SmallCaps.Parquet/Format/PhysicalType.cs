namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift Type: the physical storage type of a leaf column.</summary>
internal enum PhysicalType
{
    Boolean = 0,
    Int32 = 1,
    Int64 = 2,
    Int96 = 3,
    Float = 4,
    Double = 5,
    ByteArray = 6,
    FixedLenByteArray = 7,
}
