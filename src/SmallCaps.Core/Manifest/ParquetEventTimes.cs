using NodaTime;
using SmallCaps.Core.Input;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Manifest;

/// <summary>Reads a Parquet time or date column of an events file into typed cells (timestamps of any unit, INT96, DATE, text, epoch integers).</summary>
internal static class ParquetEventTimes
{
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public enum CellKind
    {
        Empty,
        Instant,
        Date,
        Text,
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
                ParquetPhysicalType.Int64 when converted == "TIMESTAMP_MILLIS" => Cell.At(data.Int64Values![i] * 1_000_000L),
                ParquetPhysicalType.Int64 when converted == "TIMESTAMP_MICROS" => Cell.At(data.Int64Values![i] * 1_000L),
                ParquetPhysicalType.Int32 when logical == "DATE" || converted == "DATE" => Cell.On(LocalDate.FromDateOnly(DateOnly.FromDayNumber(EpochDayNumber + data.Int32Values![i]))),
                ParquetPhysicalType.Int64 => Cell.Of(data.Int64Values![i].ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ParquetPhysicalType.Int32 => Cell.Of(data.Int32Values![i].ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ParquetPhysicalType.ByteArray => Cell.Of(data.GetString(i) ?? string.Empty),
                _ => throw new InputException($"{path}: column '{column.Name}' has type {column} which is not a time, date or text"),
            };
        }

        return cells;
    }

    private static Cell Timestamp(long value, string logical, DateTimeZone naiveZone)
    {
        var ns = logical.Contains("NANOS", StringComparison.Ordinal) ? value
            : logical.Contains("MICROS", StringComparison.Ordinal) ? value * 1_000L
            : value * 1_000_000L;
        if (logical.Contains("UTC", StringComparison.Ordinal))
        {
            return Cell.At(ns);
        }

        // A timestamp not adjusted to UTC is a wall-clock time of the configured zone.
        var local = Calendar.NewYorkTime.InstantFromUnixNanoseconds(ns).InUtc().LocalDateTime;
        return Cell.At((naiveZone.AtLeniently(local).ToInstant() - NodaConstants.UnixEpoch).ToInt64Nanoseconds());
    }

    /// <summary>One cell: an instant, a date, text still to parse, or empty.</summary>
    public readonly record struct Cell(CellKind Kind, long Nanoseconds, LocalDate Date, string? Text)
    {
        public static Cell At(long ns) => new(CellKind.Instant, ns, default, null);

        public static Cell On(LocalDate date) => new(CellKind.Date, 0, date, null);

        public static Cell Of(string text) => new(CellKind.Text, 0, default, text);
    }
}
