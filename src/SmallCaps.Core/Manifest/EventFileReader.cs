using System.Globalization;
using CsvHelper;
using SmallCaps.Core.Input;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Manifest;

/// <summary>
/// Reads an events file (CSV, or Parquet by its <c>.parquet</c> extension): a ticker plus a time or a date per
/// row. Every bad row is reported, each naming the file and line (CSV) or row (Parquet), in one <see cref="InputException"/>.
/// </summary>
internal static class EventFileReader
{
    public static IReadOnlyList<EventRecord> Read(string path, ManifestOptions options)
    {
        InputFile.MustExist(path, "events file");
        try
        {
            return path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? ReadParquet(path, options) : ReadCsv(path, options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read ({ex.Message})", ex);
        }
    }

    private static List<EventRecord> ReadCsv(string path, ManifestOptions options)
    {
        try
        {
            using var reader = SharedRead.Text(path);
            using var csv = UserCsv.OpenWithHeader(reader, path, "ticker and time or date columns");
            var columns = EventColumns.Resolve(csv.HeaderRecord!, options, $"{path}:1");
            var events = new List<EventRecord>();
            var problems = new RowProblems();
            var twins = new CaseTwinRows();
            while (csv.Read())
            {
                if (UserCsv.IsBlankRow(csv.Parser))
                {
                    continue;
                }

                var line = UserCsv.StartLine(csv.Parser).ToString(CultureInfo.InvariantCulture);
                var where = $"{path}:{line}";
                if (UserCsv.UnterminatedQuote(csv.Parser))
                {
                    problems.Add($"{where}: {UserCsv.UnterminatedQuoteProblem}");
                    continue;
                }

                try
                {
                    var e = EventRowBuilder.Build(
                        where,
                        csv.GetField(columns.Ticker),
                        columns.Time >= 0 ? csv.GetField(columns.Time) : null,
                        columns.Date >= 0 ? csv.GetField(columns.Date) : null,
                        options.NaiveZone);
                    if (twins.Problem(e.Ticker, $"line {line}") is { } twin)
                    {
                        problems.Add($"{where}: {twin}");
                        continue;
                    }

                    events.Add(e);
                }
                catch (InputException ex)
                {
                    problems.Add(ex.Message);
                }
            }

            problems.ThrowIfAny();
            return events;
        }
        catch (CsvHelperException ex)
        {
            var line = ex.Context?.Parser?.RawRow ?? 0;
            throw new InputException($"{path}:{line.ToString(CultureInfo.InvariantCulture)}: malformed CSV ({ex.GetType().Name})", ex);
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
            var problems = new RowProblems();
            var twins = new CaseTwinRows();
            for (var i = 0; i < reader.RowCount; i++)
            {
                var row = $"row {(i + 1).ToString(CultureInfo.InvariantCulture)}";
                var where = $"{path}: {row}";
                var ticker = tickers.GetString(i);
                var (cell, column) = (times?[i] ?? default, columns.Time >= 0 ? flat[columns.Time].Name : null);
                if (cell.Kind == ParquetEventTimes.CellKind.Empty && dates is not null)
                {
                    (cell, column) = (dates[i], flat[columns.Date].Name);
                }

                try
                {
                    var e = cell.Kind switch
                    {
                        ParquetEventTimes.CellKind.Instant or ParquetEventTimes.CellKind.Date => Validated(where, ticker, cell),
                        ParquetEventTimes.CellKind.Text => EventRowBuilder.Build(where, ticker, cell.Text, null, options.NaiveZone),
                        ParquetEventTimes.CellKind.Invalid => throw new InputException($"{where}: column '{column}' {cell.Text}"),
                        _ => EventRowBuilder.Build(where, ticker, null, null, options.NaiveZone),
                    };
                    if (twins.Problem(e.Ticker, row) is { } twin)
                    {
                        problems.Add($"{where}: {twin}");
                        continue;
                    }

                    events.Add(e);
                }
                catch (InputException ex)
                {
                    problems.Add(ex.Message);
                }
            }

            problems.ThrowIfAny();
            return events;
        }
        catch (ParquetFormatException ex)
        {
            throw new InputException($"{path}: not a readable Parquet file ({ex.Message})", ex);
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
