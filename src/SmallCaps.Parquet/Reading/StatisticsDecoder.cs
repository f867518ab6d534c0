using System.Buffers.Binary;
using System.Text;
using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Reading;

/// <summary>Decodes footer statistics into typed bounds; malformed bounds are left undecoded rather than failing the read.</summary>
internal static class StatisticsDecoder
{
    public static ParquetStatistics? Decode(Statistics? stats, ParquetColumnInfo column)
    {
        if (stats is null)
        {
            return null;
        }

        var min = stats.MinValue;
        var max = stats.MaxValue;
        var legacy = false;

        // The deprecated fields used signed byte order, which is only trustworthy for numeric types.
        if (min is null && max is null && column.PhysicalType is not (ParquetPhysicalType.ByteArray or ParquetPhysicalType.FixedLenByteArray))
        {
            min = stats.LegacyMin;
            max = stats.LegacyMax;
            legacy = min is not null || max is not null;
        }

        return new ParquetStatistics
        {
            RawMin = min,
            RawMax = max,
            Min = Typed(min, column),
            Max = Typed(max, column),
            NullCount = stats.NullCount,
            NanCount = stats.NanCount,
            DistinctCount = stats.DistinctCount,
            IsMinExact = stats.IsMinValueExact,
            IsMaxExact = stats.IsMaxValueExact,
            FromLegacyFields = legacy,
        };
    }

    private static object? Typed(byte[]? raw, ParquetColumnInfo column)
    {
        // A NaN bound orders nothing; DuckDB and arrow discard it too.
        var value = TypedOrNaN(raw, column);
        return value is double.NaN or float.NaN ? null : value;
    }

    private static object? TypedOrNaN(byte[]? raw, ParquetColumnInfo column)
    {
        if (raw is null)
        {
            return null;
        }

        return column.PhysicalType switch
        {
            ParquetPhysicalType.Boolean when raw.Length == 1 => raw[0] != 0,
            ParquetPhysicalType.Int32 when raw.Length == 4 => BinaryPrimitives.ReadInt32LittleEndian(raw),
            ParquetPhysicalType.Int64 when raw.Length == 8 => BinaryPrimitives.ReadInt64LittleEndian(raw),
            ParquetPhysicalType.Float when raw.Length == 4 => BinaryPrimitives.ReadSingleLittleEndian(raw),
            ParquetPhysicalType.Double when raw.Length == 8 => BinaryPrimitives.ReadDoubleLittleEndian(raw),
            ParquetPhysicalType.Int96 when raw.Length == 12 => Int96(raw),
            ParquetPhysicalType.ByteArray when column.LogicalType == "STRING" || column.ConvertedType == "UTF8" => Encoding.UTF8.GetString(raw),
            ParquetPhysicalType.ByteArray or ParquetPhysicalType.FixedLenByteArray => raw,
            _ => null,
        };
    }

    private static long Int96(byte[] raw)
    {
        var value = new long[1];
        PlainDecoder.ReadInt96(raw, value);
        return value[0];
    }
}
