using System.Globalization;
using NodaTime;
using SmallCaps.Core.Input;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Manifest;

/// <summary>
/// Reads a Parquet time or date column of an events file into typed cells (timestamps of any unit, INT96, DATE, text,
/// epoch integers). A value no calendar holds (a DATE past year 9999, a timestamp that overflows in nanoseconds) is
/// an <see cref="CellKind.Invalid"/> cell, reported with its row.
/// </summary>
internal static class ParquetEventTimes
{
    public enum CellKind
    {
        Empty,
        Instant,
        Date,
        Text,
        Invalid,
    }

    public static Cell[] Read(ParquetFileReader reader, ParquetColumnInfo column, ManifestOptions options, string path)
    {
        var data = reader.ReadColumn(column.Path, default);
        var cells = new Cell[reader.RowCount];
        var logical = column.LogicalType ?? string.Empty;
        var converted = column.ConvertedType ?? string.Empty;
        for (var i = 0; i < cells.Length; i++)
        {
            if (data.IsNull(i))
            {
                continue;
            }

            cells[i] = column.PhysicalType switch
            {
                ParquetPhysicalType.Int96 => Cell.At(data.Int64Values![i]),
                ParquetPhysicalType.Int64 when logical.StartsWith("TIMESTAMP(", StringComparison.Ordinal) => Timestamp(data.Int64Values![i], logical, options.NaiveZone),
                ParquetPhysicalType.Int64 when converted == "TIMESTAMP_MILLIS" => Scaled(data.Int64Values![i], 1_000_000L),
                ParquetPhysicalType.Int64 when converted == "TIMESTAMP_MICROS" => Scaled(data.Int64Values![i], 1_000L),
                ParquetPhysicalType.Int32 when logical == "DATE" || converted == "DATE" => Day(data.Int32Values![i]),
                ParquetPhysicalType.Int64 => Cell.Of(data.Int64Values![i].ToString(CultureInfo.InvariantCulture)),
                ParquetPhysicalType.Int32 => Cell.Of(data.Int32Values![i].ToString(CultureInfo.InvariantCulture)),
                ParquetPhysicalType.ByteArray => Cell.Of(data.GetString(i) ?? string.Empty),
                _ => throw new InputException($"{path}: column '{column.Name}' has type {column} which is not a time, date or text"),
            };
        }

        return cells;
    }

    /// <summary>A DATE value (days since 1970-01-01); outside 1990-2100 it is no session this tool can fetch.</summary>
    public static Cell Day(int daysSinceEpoch)
    {
        if (ManifestDates.FromEpochDays(daysSinceEpoch) is not { } date)
        {
            return Cell.Bad(string.Create(CultureInfo.InvariantCulture, $"DATE {daysSinceEpoch} (days since 1970-01-01) is not a calendar date"));
        }

        return ManifestDates.RangeProblem(date) is { } problem
            ? Cell.Bad(string.Create(CultureInfo.InvariantCulture, $"DATE {Calendar.IsoDate.Format(date)} {problem}"))
            : Cell.On(date);
    }

    private static Cell Scaled(long value, long nanosPerUnit) =>
        long.MaxValue / nanosPerUnit >= Math.Abs(value) && value != long.MinValue
            ? Cell.At(value * nanosPerUnit)
            : Cell.Bad(string.Create(CultureInfo.InvariantCulture, $"timestamp {value} is out of range"));

    private static Cell Timestamp(long value, string logical, DateTimeZone naiveZone)
    {
        var cell = logical.Contains("NANOS", StringComparison.Ordinal) ? Cell.At(value)
            : logical.Contains("MICROS", StringComparison.Ordinal) ? Scaled(value, 1_000L)
            : Scaled(value, 1_000_000L);
        if (cell.Kind != CellKind.Instant || logical.Contains("UTC", StringComparison.Ordinal) || EventTimeParser.RangeProblem(cell.Nanoseconds) is not null)
        {
            return cell;
        }

        // A timestamp not adjusted to UTC is a wall-clock time of the configured zone.
        var local = Calendar.NewYorkTime.InstantFromUnixNanoseconds(cell.Nanoseconds).InUtc().LocalDateTime;
        return Cell.At((naiveZone.AtLeniently(local).ToInstant() - NodaConstants.UnixEpoch).ToInt64Nanoseconds());
    }

    /// <summary>One cell: an instant, a date, text still to parse, a value out of range (its problem in Text), or empty.</summary>
    public readonly record struct Cell(CellKind Kind, long Nanoseconds, LocalDate Date, string? Text)
    {
        public static Cell At(long ns) => new(CellKind.Instant, ns, default, null);

        public static Cell On(LocalDate date) => new(CellKind.Date, 0, date, null);

        public static Cell Of(string text) => new(CellKind.Text, 0, default, text);

        public static Cell Bad(string problem) => new(CellKind.Invalid, 0, default, problem);
    }
}
