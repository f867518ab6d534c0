using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace SmallCaps.Parquet.Tests.Conformance;

/// <summary>Renders our decoded values and DuckDB's JSON values into the same canonical text for exact comparison.</summary>
internal static class ValueCanonicalizer
{
    public static string FromDuckDb(JsonElement value, string duckType) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String when IsFloating(duckType) => Floating(double.Parse(value.GetString()!, CultureInfo.InvariantCulture)),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number when IsFloating(duckType) => Floating(value.GetDouble()),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Select(v => FromDuckDb(v, duckType.TrimEnd('[', ']')))) + "]",
        _ => value.GetRawText(),
    };

    /// <summary>Slot <paramref name="i"/> of a flat column, converted to what DuckDB's projection shows for <paramref name="duckType"/>.</summary>
    public static string FromOurs(ColumnData data, int i, string duckType)
    {
        if (data.IsNull(i))
        {
            return "null";
        }

        var c = data.Column;
        switch (c.PhysicalType)
        {
            case ParquetPhysicalType.Boolean:
                return data.BooleanValues![i] ? "true" : "false";
            case ParquetPhysicalType.Float:
                return Floating(data.FloatValues![i]);
            case ParquetPhysicalType.Double:
                return Floating(data.DoubleValues![i]);
            case ParquetPhysicalType.Int32:
                return Integral(data.Int32Values![i], c, duckType, unsignedBits: 32);
            case ParquetPhysicalType.Int64:
                return Integral(data.Int64Values![i], c, duckType, unsignedBits: 64);
            case ParquetPhysicalType.Int96:
                return TimestampIn(data.Int64Values![i], 1_000_000_000, duckType);
            default:
                var bytes = data.BinaryValues![i];
                if (c.LogicalType == "FLOAT16")
                {
                    return Floating((float)BitConverter.ToHalf(bytes));
                }

                if (duckType.StartsWith("DECIMAL", StringComparison.Ordinal))
                {
                    return Decimal(new BigInteger(bytes, isUnsigned: false, isBigEndian: true), duckType);
                }

                return duckType == "BLOB" ? Convert.ToHexString(bytes) : Encoding.UTF8.GetString(bytes);
        }
    }

    public static string List(int[]? row) => row is null ? "null" : "[" + string.Join(",", row.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";

    private static bool IsFloating(string duckType) => duckType.StartsWith("FLOAT", StringComparison.Ordinal) || duckType.StartsWith("DOUBLE", StringComparison.Ordinal);

    private static string Floating(double d) => double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : d.ToString("R", CultureInfo.InvariantCulture);

    private static string Integral(long value, ParquetColumnInfo c, string duckType, int unsignedBits)
    {
        if (duckType.StartsWith("DECIMAL", StringComparison.Ordinal))
        {
            return Decimal(value, duckType);
        }

        if (duckType.StartsWith("TIMESTAMP", StringComparison.Ordinal))
        {
            var perSecond = c.LogicalType?.Contains("NANOS", StringComparison.Ordinal) == true ? 1_000_000_000L
                : c.LogicalType?.Contains("MICROS", StringComparison.Ordinal) == true || c.ConvertedType == "TIMESTAMP_MICROS" ? 1_000_000L
                : 1_000L;
            return TimestampIn(value, perSecond, duckType);
        }

        var isUnsigned = duckType.StartsWith('U') && duckType != "UUID";
        if (isUnsigned)
        {
            return unsignedBits == 32 ? unchecked((uint)(int)value).ToString(CultureInfo.InvariantCulture) : unchecked((ulong)value).ToString(CultureInfo.InvariantCulture);
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    private static string TimestampIn(long value, long perSecond, string duckType)
    {
        var target = duckType switch { "TIMESTAMP_NS" => 1_000_000_000L, "TIMESTAMP_MS" => 1_000L, "TIMESTAMP_S" => 1L, _ => 1_000_000L };
        var scaled = perSecond >= target ? value / (perSecond / target) : value * (target / perSecond);
        return scaled.ToString(CultureInfo.InvariantCulture);
    }

    private static string Decimal(BigInteger unscaled, string duckType)
    {
        var scale = int.Parse(duckType[(duckType.IndexOf(',', StringComparison.Ordinal) + 1)..^1], CultureInfo.InvariantCulture);
        var negative = unscaled.Sign < 0;
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var text = scale == 0 ? digits : digits[..^scale] + "." + digits[^scale..];
        return negative ? "-" + text : text;
    }
}
