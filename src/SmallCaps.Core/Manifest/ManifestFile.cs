using System.Globalization;
using System.Text;
using CsvHelper;
using NodaTime;
using NodaTime.Text;
using SmallCaps.Core.Input;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Manifest;

/// <summary>
/// The manifest on disk, CSV or Parquet by extension: <c>ticker, session_date, start_ns, end_ns, events</c>
/// (start inclusive, end exclusive, Unix ns UTC as INT64: DuckDB would cut TIMESTAMP(NANOS, UTC) to microseconds). Written to a temp
/// name and renamed, so a failed run leaves no manifest. A Parquet manifest written elsewhere may hold TIMESTAMP windows of any unit.
/// </summary>
public static class ManifestFile
{
    private static readonly ParquetSchema Schema = new(
    [
        ColumnSpec.String("ticker"),
        new ColumnSpec("session_date", ColumnType.Date),
        new ColumnSpec("start_ns", ColumnType.Int64),
        new ColumnSpec("end_ns", ColumnType.Int64),
        new ColumnSpec("events", ColumnType.Int32),
    ]);

    /// <summary>Whether <paramref name="path"/> names a Parquet file.</summary>
    public static bool IsParquet(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes the windows atomically; a held old file (open in Excel) is handled by <see cref="Output.ResultFile"/>.</summary>
    public static Task WriteAsync(string path, IReadOnlyList<ManifestWindow> windows, CancellationToken cancellationToken) =>
        WriteAsync(path, windows, TimeProvider.System, cancellationToken);

    /// <summary>Writes the windows atomically, waiting on <paramref name="time"/> while the old file is held.</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<ManifestWindow> windows, TimeProvider time, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = Output.ResultFile.TempFor(full);
        try
        {
            if (IsParquet(full))
            {
                await WriteParquetAsync(temp, windows, cancellationToken);
            }
            else
            {
                await WriteCsvAsync(temp, windows, cancellationToken);
            }

            await Output.ResultFile.ReplaceAsync(temp, full, time);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task WriteParquetAsync(string path, IReadOnlyList<ManifestWindow> windows, CancellationToken cancellationToken)
    {
        var batch = new ColumnBatch(Schema, Math.Max(1, windows.Count));
        foreach (var w in windows)
        {
            batch.StringColumn(0).Append(w.Ticker);
            batch.Int32Column(1).Append(ManifestDates.ToEpochDays(w.SessionDate));
            batch.Int64Column(2).Append(w.StartNs);
            batch.Int64Column(3).Append(w.EndNs);
            batch.Int32Column(4).Append(w.Events);
        }

        await using var writer = ParquetFileWriter.CreateFile(path, Schema);
        await writer.WriteAsync(batch, cancellationToken);
        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteCsvAsync(string path, IReadOnlyList<ManifestWindow> windows, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        await using var text = new StreamWriter(stream, new UTF8Encoding(false));
        await text.WriteAsync("ticker,session_date,start_ns,end_ns,events\n");
        foreach (var w in windows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await text.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{w.Ticker},{LocalDatePattern.Iso.Format(w.SessionDate)},{w.StartNs},{w.EndNs},{w.Events}\n"));
        }

        await text.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads and validates a manifest; throws <see cref="InputException"/> listing every bad row by file and line.</summary>
    public static IReadOnlyList<ManifestWindow> Read(string path)
    {
        InputFile.MustExist(path, "manifest");
        List<ManifestWindow> windows;
        try
        {
            windows = IsParquet(path) ? ReadParquet(path) : ReadCsv(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read ({ex.Message})", ex);
        }

        return windows.Count > 0 ? windows : throw new InputException($"{path}: the manifest has no windows");
    }

    private static List<ManifestWindow> ReadCsv(string path)
    {
        try
        {
            using var reader = SharedRead.Text(path);
            using var csv = UserCsv.OpenWithHeader(reader, path, "ticker,session_date,start_ns,end_ns");
            var header = csv.HeaderRecord!;
            int Column(string name)
            {
                var i = Array.FindIndex(header, h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
                return i >= 0 ? i : throw new InputException($"{path}:1: missing column '{name}' in header \"{string.Join(',', header)}\"");
            }

            int ticker = Column("ticker"), session = Column("session_date"), start = Column("start_ns"), end = Column("end_ns");
            var events = Array.FindIndex(header, h => string.Equals(h.Trim(), "events", StringComparison.OrdinalIgnoreCase));
            var list = new List<ManifestWindow>();
            var rows = new Rows();
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
                    rows.Problems.Add($"{where}: {UserCsv.UnterminatedQuoteProblem}");
                    continue;
                }

                rows.Add(list, $"line {line}", where, () =>
                {
                    var dateText = csv.GetField(session) ?? string.Empty;
                    var date = LocalDatePattern.Iso.Parse(dateText);
                    if (!date.Success)
                    {
                        throw new InputException($"{where}: session_date \"{EventRowBuilder.Printable(dateText)}\" is not YYYY-MM-DD");
                    }

                    var s = ParseNs(where, "start_ns", csv.GetField(start));
                    var e = ParseNs(where, "end_ns", csv.GetField(end));
                    var n = events >= 0 && int.TryParse(csv.GetField(events), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 1;
                    return Validated(where, csv.GetField(ticker), date.Value, s, e, n);
                });
            }

            rows.Problems.ThrowIfAny();
            return list;
        }
        catch (CsvHelperException ex)
        {
            throw new InputException($"{path}:{(ex.Context?.Parser?.RawRow ?? 0).ToString(CultureInfo.InvariantCulture)}: malformed CSV ({ex.GetType().Name})", ex);
        }
    }

    private static List<ManifestWindow> ReadParquet(string path)
    {
        try
        {
            using var reader = ParquetFileReader.Open(path);
            ColumnData Column(string name)
            {
                var i = reader.IndexOf(name);
                return i >= 0 ? reader.ReadColumn(name, default) : throw new InputException($"{path}: missing column '{name}'");
            }

            ManifestTimeColumn? TimeColumn(string name)
            {
                var i = reader.IndexOf(name);
                return i >= 0 ? ManifestTimeColumn.Open(reader, name, i) : throw new InputException($"{path}: missing column '{name}'");
            }

            var ticker = Column("ticker");
            var session = Column("session_date");
            var start = TimeColumn("start_ns");
            var end = TimeColumn("end_ns");
            var events = reader.IndexOf("events") >= 0 ? reader.ReadColumn("events", default).Int32Values : null;
            if (ticker.BinaryValues is null || session.Int32Values is null || start is null || end is null)
            {
                throw new InputException($"{path}: columns must be ticker (string), session_date (date), start_ns and end_ns (int64 Unix nanoseconds, or timestamp)");
            }

            var list = new List<ManifestWindow>((int)reader.RowCount);
            var rows = new Rows();
            for (var i = 0; i < reader.RowCount; i++)
            {
                var row = $"row {(i + 1).ToString(CultureInfo.InvariantCulture)}";
                var where = $"{path}: {row}";
                var days = session.Int32Values[i];
                rows.Add(list, row, where, () => ManifestDates.FromEpochDays(days) is { } date
                    ? Validated(where, ticker.GetString(i), date, start.Nanoseconds(i, where), end.Nanoseconds(i, where), events?[i] ?? 1)
                    : throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{where}: session_date {days} (days since 1970-01-01) is not a calendar date")));
            }

            rows.Problems.ThrowIfAny();
            return list;
        }
        catch (ParquetFormatException ex)
        {
            throw new InputException($"{path}: not a readable Parquet file ({ex.Message})", ex);
        }
    }

    private static long ParseNs(string where, string column, string? text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InputException($"{where}: {column} \"{EventRowBuilder.Printable(text ?? string.Empty)}\" is not an integer of Unix nanoseconds");

    private static ManifestWindow Validated(string where, string? ticker, LocalDate session, long start, long end, int events)
    {
        var symbol = (ticker ?? string.Empty).Trim();
        if (TickerRules.Problem(symbol) is { } problem)
        {
            throw new InputException($"{where}: ticker \"{EventRowBuilder.Printable(symbol)}\" {problem}");
        }

        if (ManifestDates.RangeProblem(session) is { } far)
        {
            throw new InputException($"{where}: session_date {LocalDatePattern.Iso.Format(session)} {far}");
        }

        if (end <= start)
        {
            throw new InputException($"{where}: end_ns {end.ToString(CultureInfo.InvariantCulture)} is not after start_ns {start.ToString(CultureInfo.InvariantCulture)}");
        }

        if (start < SessionHours.OpenNs(session) || end > SessionHours.CloseNs(session))
        {
            throw new InputException($"{where}: window {start.ToString(CultureInfo.InvariantCulture)}..{end.ToString(CultureInfo.InvariantCulture)} is outside 04:00-20:00 New York of session {LocalDatePattern.Iso.Format(session)}");
        }

        return new ManifestWindow(symbol, session, start, end, events);
    }

    // Every bad row of the file is collected, and each other spelling of a ticker (case twins) once, at its first row.
    private sealed class Rows
    {
        private readonly CaseTwinRows twins = new();

        public RowProblems Problems { get; } = new();

        public void Add(List<ManifestWindow> list, string row, string where, Func<ManifestWindow> read)
        {
            try
            {
                var window = read();
                if (twins.Problem(window.Ticker, row) is { } twin)
                {
                    Problems.Add($"{where}: {twin}");
                    return;
                }

                list.Add(window);
            }
            catch (InputException ex)
            {
                Problems.Add(ex.Message);
            }
        }
    }
}
