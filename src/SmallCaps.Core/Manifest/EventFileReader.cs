using System.Globalization;
using CsvHelper;
using SmallCaps.Core.Input;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Manifest;

/// <summary>
/// Reads an events file (CSV, or Parquet by its <c>.parquet</c> extension): a ticker plus a time or a date per
/// row. Every problem is an <see cref="InputException"/> naming the file and line (CSV) or row (Parquet).
/// </summary>
internal static class EventFileReader
{
    public static IReadOnlyList<EventRecord> Read(string path, ManifestOptions options)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: events file not found");
        }

        return path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? ReadParquet(path, options) : ReadCsv(path, options);
    }

    private static List<EventRecord> ReadCsv(string path, ManifestOptions options)
    {
        try
        {
            using var reader = SharedRead.Text(path);
            using var csv = UserCsv.OpenWithHeader(reader, path, "ticker and time or date columns");
            var columns = EventColumns.Resolve(csv.HeaderRecord!, options, $"{path}:1");
            var events = new List<EventRecord>();
            while (csv.Read())
            {
                if (csv.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                var where = $"{path}:{csv.Parser.RawRow.ToString(CultureInfo.InvariantCulture)}";
                events.Add(EventRowBuilder.Build(
                    where,
                    csv.GetField(columns.Ticker),
                    columns.Time >= 0 ? csv.GetField(columns.Time) : null,
                    columns.Date >= 0 ? csv.GetField(columns.Date) : null,
                    options.NaiveZone));
            }

            return events;
        }
        catch (CsvHelperException ex)
        {
            var line = ex.Context?.Parser?.RawRow ?? 0;
            throw new InputException($"{path}:{line.ToString(CultureInfo.InvariantCulture)}: malformed CSV ({ex.GetType().Name})", ex);
        }
        catch (IOException ex)
        {
            throw new InputException($"{path}: cannot read ({ex.Message})", ex);
        }
    }

    private static List<EventRecord> ReadParquet(string path, ManifestOptions options)
    {
        try
        {
            using var reader = ParquetFileReader.Open(path);
            var header = reader.Columns.Where(c => c.IsFlat).Select(c => c.Name).ToList();
            var columns = EventColumns.Resolve(header, options, path);
            var flat = reader.Columns.Where(c => c.IsFlat).ToList();
            var tickers = reader.ReadColumn(flat[columns.Ticker].Path, default);
            if (tickers.BinaryValues is null)
            {
                throw new InputException($"{path}: ticker column '{flat[columns.Ticker].Name}' is not a string column");
            }

            var times = columns.Time >= 0 ? ParquetEventTimes.Read(reader, flat[columns.Time], options, path) : null;
            var dates = columns.Date >= 0 ? ParquetEventTimes.Read(reader, flat[columns.Date], options, path) : null;
            var events = new List<EventRecord>((int)Math.Min(reader.RowCount, int.MaxValue));
            for (var i = 0; i < reader.RowCount; i++)
            {
                var where = $"{path}: row {(i + 1).ToString(CultureInfo.InvariantCulture)}";
                var ticker = tickers.GetString(i);
                var row = times?[i] ?? default;
                if (row.Kind == ParquetEventTimes.CellKind.Empty && dates is not null)
                {
                    row = dates[i];
                }

                events.Add(row.Kind switch
                {
                    ParquetEventTimes.CellKind.Instant or ParquetEventTimes.CellKind.Date => Validated(where, ticker, row),
                    ParquetEventTimes.CellKind.Text => EventRowBuilder.Build(where, ticker, row.Text, null, options.NaiveZone),
                    _ => EventRowBuilder.Build(where, ticker, null, null, options.NaiveZone),
                });
            }

            return events;
        }
        catch (ParquetFormatException ex)
        {
            throw new InputException($"{path}: not a readable Parquet file ({ex.Message})", ex);
        }
        catch (IOException ex)
        {
            throw new InputException($"{path}: cannot read ({ex.Message})", ex);
        }
    }

    private static EventRecord Validated(string where, string? ticker, ParquetEventTimes.Cell cell)
    {
        var symbol = EventRowBuilder.Ticker(where, ticker);
        if (cell.Kind == ParquetEventTimes.CellKind.Date)
        {
            return new EventRecord(symbol, null, cell.Date);
        }

        if (EventTimeParser.RangeProblem(cell.Nanoseconds) is { } problem)
        {
            throw new InputException($"{where}: time {cell.Nanoseconds.ToString(CultureInfo.InvariantCulture)} ns {problem}");
        }

        return new EventRecord(symbol, cell.Nanoseconds, default);
    }
}
