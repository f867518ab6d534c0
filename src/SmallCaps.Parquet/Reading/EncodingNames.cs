using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Reading;

/// <summary>Spec spellings of encodings, codecs and converted types for messages and public metadata.</summary>
internal static class EncodingNames
{
    public static string Of(ParquetEncoding encoding) => encoding switch
    {
        ParquetEncoding.Plain => "PLAIN",
        ParquetEncoding.PlainDictionary => "PLAIN_DICTIONARY",
        ParquetEncoding.Rle => "RLE",
        ParquetEncoding.BitPacked => "BIT_PACKED",
        ParquetEncoding.DeltaBinaryPacked => "DELTA_BINARY_PACKED",
        ParquetEncoding.DeltaLengthByteArray => "DELTA_LENGTH_BYTE_ARRAY",
        ParquetEncoding.DeltaByteArray => "DELTA_BYTE_ARRAY",
        ParquetEncoding.RleDictionary => "RLE_DICTIONARY",
        ParquetEncoding.ByteStreamSplit => "BYTE_STREAM_SPLIT",
        _ => $"ENCODING({(int)encoding})",
    };

    public static string Of(CompressionCodec codec) => codec switch
    {
        CompressionCodec.Uncompressed => "UNCOMPRESSED",
        CompressionCodec.Snappy => "SNAPPY",
        CompressionCodec.Gzip => "GZIP",
        CompressionCodec.Lzo => "LZO",
        CompressionCodec.Brotli => "BROTLI",
        CompressionCodec.Lz4 => "LZ4",
        CompressionCodec.Zstd => "ZSTD",
        CompressionCodec.Lz4Raw => "LZ4_RAW",
        _ => $"CODEC({(int)codec})",
    };

    public static string Of(ConvertedType type) => type switch
    {
        ConvertedType.Utf8 => "UTF8",
        ConvertedType.Map => "MAP",
        ConvertedType.MapKeyValue => "MAP_KEY_VALUE",
        ConvertedType.List => "LIST",
        ConvertedType.Enum => "ENUM",
        ConvertedType.Decimal => "DECIMAL",
        ConvertedType.Date => "DATE",
        ConvertedType.TimeMillis => "TIME_MILLIS",
        ConvertedType.TimeMicros => "TIME_MICROS",
        ConvertedType.TimestampMillis => "TIMESTAMP_MILLIS",
        ConvertedType.TimestampMicros => "TIMESTAMP_MICROS",
        ConvertedType.Uint8 => "UINT_8",
        ConvertedType.Uint16 => "UINT_16",
        ConvertedType.Uint32 => "UINT_32",
        ConvertedType.Uint64 => "UINT_64",
        ConvertedType.Int8 => "INT_8",
        ConvertedType.Int16 => "INT_16",
        ConvertedType.Int32 => "INT_32",
        ConvertedType.Int64 => "INT_64",
        ConvertedType.Json => "JSON",
        ConvertedType.Bson => "BSON",
        ConvertedType.Interval => "INTERVAL",
        _ => $"CONVERTED({(int)type})",
    };

    public static string? Of(LogicalType? type) => type is null ? null : type.Kind switch
    {
        LogicalTypeKind.String => "STRING",
        LogicalTypeKind.Map => "MAP",
        LogicalTypeKind.List => "LIST",
        LogicalTypeKind.Enum => "ENUM",
        LogicalTypeKind.Decimal => $"DECIMAL({type.Precision},{type.Scale})",
        LogicalTypeKind.Date => "DATE",
        LogicalTypeKind.Time => $"TIME({Unit(type.Unit)},{(type.IsAdjustedToUtc ? "UTC" : "LOCAL")})",
        LogicalTypeKind.Timestamp => $"TIMESTAMP({Unit(type.Unit)},{(type.IsAdjustedToUtc ? "UTC" : "LOCAL")})",
        LogicalTypeKind.Integer => $"INT({type.BitWidth},{(type.IsSigned ? "SIGNED" : "UNSIGNED")})",
        LogicalTypeKind.Unknown => "UNKNOWN",
        LogicalTypeKind.Json => "JSON",
        LogicalTypeKind.Bson => "BSON",
        LogicalTypeKind.Uuid => "UUID",
        LogicalTypeKind.Float16 => "FLOAT16",
        LogicalTypeKind.Variant => "VARIANT",
        LogicalTypeKind.Geometry => "GEOMETRY",
        LogicalTypeKind.Geography => "GEOGRAPHY",
        _ => $"LOGICAL({type.OtherId})",
    };

    private static string Unit(TimeUnit unit) => unit switch
    {
        TimeUnit.Millis => "MILLIS",
        TimeUnit.Micros => "MICROS",
        _ => "NANOS",
    };
}
