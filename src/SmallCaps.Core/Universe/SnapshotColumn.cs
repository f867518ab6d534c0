using System.Globalization;
using System.Numerics;
using System.Text;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Universe;

/// <summary>
/// One column of a user's snapshot file read by name, whatever physical type polars, pandas or DuckDB chose:
/// strings (plain or dictionary), DATE, timestamps, integers or doubles. A missing column reads as nulls.
/// </summary>
internal sealed class SnapshotColumn
{
    private static readonly SnapshotColumn Missing = new(null);
    private readonly ColumnData? _data;

    private SnapshotColumn(ColumnData? data) => _data = data;

    public static SnapshotColumn Read(ParquetFileReader reader, params string[] names)
    {
        foreach (var name in names)
        {
            var index = FindFlat(reader, name);
            if (index >= 0)
            {
                return new SnapshotColumn(reader.ReadColumn(reader.Columns[index].Path));
            }
        }

        return Missing;
    }

    public bool Exists => _data is not null;

    public string? String(int row)
    {
        if (_data is null || _data.IsNull(row))
        {
            return null;
        }

        var d = _data;
        if (d.BinaryValues is { } b)
        {
            return Encoding.UTF8.GetString(b[row]);
        }

        if (d.Int32Values is { } i32)
        {
            return IsDate(d.Column) ? ReferenceDates.Format(ReferenceDates.FromEpochDay(i32[row])) : i32[row].ToString(CultureInfo.InvariantCulture);
        }

        if (d.Int64Values is { } i64)
        {
            return TimestampText(d.Column.LogicalType, d.Column.ConvertedType, i64[row]) ?? i64[row].ToString(CultureInfo.InvariantCulture);
        }

        if (d.BooleanValues is { } bools)
        {
            return bools[row] ? "true" : "false";
        }

        return d.DoubleValues is { } dbl ? dbl[row].ToString("R", CultureInfo.InvariantCulture) : null;
    }

    public double? Double(int row)
    {
        if (_data is null || _data.IsNull(row))
        {
            return null;
        }

        var d = _data;
        if (DecimalScale(d.Column) is { } scale)
        {
            // DECIMAL(p,s): an unscaled integer (INT32, INT64 or big-endian two's complement bytes) times 10^-s.
            var unscaled = d.Int64Values is { } l ? new BigInteger(l[row])
                : d.Int32Values is { } n ? new BigInteger(n[row])
                : d.BinaryValues is { } bytes ? new BigInteger(bytes[row], isUnsigned: false, isBigEndian: true)
                : BigInteger.Zero;
            return (double)unscaled / Math.Pow(10, scale);
        }

        return d.DoubleValues is { } dbl ? dbl[row]
            : d.Int64Values is { } i64 ? i64[row]
            : d.Int32Values is { } i32 ? i32[row]
            : d.FloatValues is { } f ? f[row]
            : d.BinaryValues is { } b && double.TryParse(Encoding.UTF8.GetString(b[row]), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : null;
    }

    private static bool IsDate(ParquetColumnInfo column) => column.LogicalType == "DATE" || (column.LogicalType is null && column.ConvertedType == "DATE");

    private static int? DecimalScale(ParquetColumnInfo column)
    {
        // "DECIMAL(9,2)": the scale follows the comma.
        var text = column.LogicalType ?? "";
        if (!text.StartsWith("DECIMAL(", StringComparison.Ordinal))
        {
            return null;
        }

        var comma = text.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && int.TryParse(text.AsSpan(comma + 1, text.Length - comma - 2), NumberStyles.Integer, CultureInfo.InvariantCulture, out var scale) ? scale : null;
    }

    public bool? Boolean(int row)
    {
        if (_data is null || _data.IsNull(row))
        {
            return null;
        }

        return _data.BooleanValues is { } b ? b[row]
            : String(row) is { } s && bool.TryParse(s, out var parsed) ? parsed
            : null;
    }

    private static int FindFlat(ParquetFileReader reader, string name)
    {
        for (var i = 0; i < reader.Columns.Count; i++)
        {
            var c = reader.Columns[i];
            if (c.IsFlat && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    // Timestamps become vendor-style UTC text so the date rules treat both sources alike.
    private static string? TimestampText(string? logicalType, string? convertedType, long value)
    {
        var kind = logicalType ?? convertedType ?? "";
        long? ticks = kind.Contains("MILLIS", StringComparison.Ordinal) ? value * TimeSpan.TicksPerMillisecond
            : kind.Contains("MICROS", StringComparison.Ordinal) ? value * 10
            : kind.Contains("NANOS", StringComparison.Ordinal) ? value / 100
            : null;
        return ticks is { } t
            ? new DateTime(DateTime.UnixEpoch.Ticks + t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : null;
    }
}
