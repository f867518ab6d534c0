using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Reading;

/// <summary>Maps a leaf column to one of our <see cref="ColumnType"/> kinds when its shape and annotations match exactly.</summary>
internal static class ColumnSpecMapper
{
    /// <summary>The spec for the leaf with schema chain <paramref name="chain"/>, or null.</summary>
    /// <param name="column">The leaf.</param>
    /// <param name="chain">Schema elements from the top-level field down to the leaf.</param>
    /// <param name="usesDictionary">Whether the first row group's chunk lists a dictionary encoding.</param>
    /// <param name="encodings">The first row group chunk's encodings, when there is one: a chunk of DELTA_BINARY_PACKED or BYTE_STREAM_SPLIT pages maps to that <see cref="ColumnEncoding"/>.</param>
    public static ColumnSpec? Map(ParquetColumnInfo column, SchemaElement[] chain, bool usesDictionary, IReadOnlyList<ParquetEncoding>? encodings = null)
    {
        if (chain.Length == 1 && column.MaxRepetitionLevel == 0)
        {
            var leaf = chain[0];
            var type = MapPrimitive(leaf);
            if (type is not { } t)
            {
                return null;
            }

            var unit = t == ColumnType.Timestamp ? TimestampUnit(leaf) : TimeUnit.Millis;
            return new ColumnSpec(leaf.Name, t, column.IsOptional, unit, usesDictionary, EncodingOf(t, usesDictionary, encodings));
        }

        if (chain.Length == 3 && column.MaxRepetitionLevel == 1)
        {
            var (list, repeated, element) = (chain[0], chain[1], chain[2]);
            var isList = list.LogicalType?.Kind == LogicalTypeKind.List || (list.LogicalType is null && list.ConvertedType == ConvertedType.List);
            if (isList && list.RepetitionType != FieldRepetitionType.Repeated && repeated.RepetitionType == FieldRepetitionType.Repeated
                && repeated.NumChildren == 1 && element.RepetitionType == FieldRepetitionType.Required && MapPrimitive(element) == ColumnType.Int32)
            {
                return new ColumnSpec(list.Name, ColumnType.Int32List, list.RepetitionType == FieldRepetitionType.Optional, TimeUnit.Millis, usesDictionary);
            }
        }

        return null;
    }

    private static ColumnEncoding EncodingOf(ColumnType type, bool usesDictionary, IReadOnlyList<ParquetEncoding>? encodings)
    {
        if (encodings is null)
        {
            return ColumnEncoding.Default;
        }

        // Our specs pair BYTE_STREAM_SPLIT with a dictionary (as its fallback), DELTA_BINARY_PACKED never.
        if (!usesDictionary && type is (ColumnType.Int32 or ColumnType.Int64 or ColumnType.Date or ColumnType.Timestamp) && encodings.Contains(ParquetEncoding.DeltaBinaryPacked))
        {
            return ColumnEncoding.DeltaBinaryPacked;
        }

        return type == ColumnType.Double && encodings.Contains(ParquetEncoding.ByteStreamSplit) ? ColumnEncoding.ByteStreamSplit : ColumnEncoding.Default;
    }

    private static ColumnType? MapPrimitive(SchemaElement e)
    {
        var logical = e.LogicalType;
        var converted = e.ConvertedType;
        return e.Type switch
        {
            PhysicalType.Boolean when logical is null && converted is null => ColumnType.Boolean,
            PhysicalType.Double when logical is null && converted is null => ColumnType.Double,
            PhysicalType.Int32 when IsSignedInt(logical, converted, 32, ConvertedType.Int32) => ColumnType.Int32,
            PhysicalType.Int32 when logical?.Kind == LogicalTypeKind.Date || (logical is null && converted == ConvertedType.Date) => ColumnType.Date,
            PhysicalType.Int64 when IsSignedInt(logical, converted, 64, ConvertedType.Int64) => ColumnType.Int64,
            PhysicalType.Int64 when IsUtcTimestamp(logical, converted) => ColumnType.Timestamp,
            PhysicalType.ByteArray when logical?.Kind == LogicalTypeKind.String || (logical is null && converted == ConvertedType.Utf8) => ColumnType.String,
            _ => null,
        };
    }

    private static bool IsSignedInt(LogicalType? logical, ConvertedType? converted, int bits, ConvertedType legacy)
    {
        if (logical is not null)
        {
            return logical.Kind == LogicalTypeKind.Integer && logical.IsSigned && logical.BitWidth == bits;
        }

        return converted is null || converted == legacy;
    }

    private static bool IsUtcTimestamp(LogicalType? logical, ConvertedType? converted)
    {
        if (logical is not null)
        {
            return logical.Kind == LogicalTypeKind.Timestamp && logical.IsAdjustedToUtc;
        }

        return converted is ConvertedType.TimestampMillis or ConvertedType.TimestampMicros;
    }

    private static TimeUnit TimestampUnit(SchemaElement e) => e.LogicalType is { Kind: LogicalTypeKind.Timestamp } lt
        ? lt.Unit
        : e.ConvertedType == ConvertedType.TimestampMicros ? TimeUnit.Micros : TimeUnit.Millis;
}
