using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using NodaTime;
using NodaTime.Text;
using SmallCaps.Core.Input;

namespace SmallCaps.Core.Verify;

/// <summary>
/// Adapter to the reference data verify reads (one place to follow the universe/reference layout).
/// By default, the reference lake select-universe writes:
/// <c>&lt;outdir&gt;/reference/splits/snapshot_date=*/*.parquet</c> (one <c>part-NNNNN.parquet</c> per chunk of members, or the
/// single <c>part.parquet</c> of earlier versions; ticker, execution_date, split_from, split_to; all files and snapshots merged) and <c>&lt;outdir&gt;/reference/details/snapshot_date=*/*.parquet</c> (ticker, list_date,
/// delisted_utc; the latest snapshot wins) and <c>&lt;outdir&gt;/reference/tickers/snapshot_date=*/*.parquet</c> (the active
/// and delisted lists: listed on the snapshot date, or the delisting date) and <c>&lt;outdir&gt;/reference/ticker_events/snapshot_date=*/*.parquet</c> (identity,
/// ticker, date: when a ticker began naming a security; written by <c>select-universe --corporate-actions</c>); plus, when present, <c>reference/tickers.csv</c> and <c>reference/splits.csv</c>.
/// Explicit CSVs: a tickers/universe CSV (<c>ticker</c>, optional <c>list_date</c>, <c>delisted_utc</c> or
/// <c>delisted_date</c>) and a splits CSV (<c>ticker</c>, <c>execution_date</c>, <c>split_from</c>, <c>split_to</c>).
/// A delisting date is the first day not traded: the span ends the day before. Sources are merged per fact: a date one
/// source leaves empty never erases a date another gives.
/// </summary>
public static class ReferenceView
{
    /// <summary>Folder of the default reference files, relative to the outdir.</summary>
    public const string Folder = "reference";

    /// <summary>Loads the reference from explicit files, else the outdir's defaults, else empty; a file that cannot be read throws.</summary>
    public static TickerReference Load(string outdir, string? tickersCsv = null, string? splitsCsv = null) =>
        Load(outdir, ReadCsvs(tickersCsv, splitsCsv), unreadable: null);

    /// <summary>
    /// Reads verify's <c>--universe</c> and <c>--splits</c> CSVs up front: bad input, or a file that cannot be read, is
    /// an <see cref="InputException"/> naming the option, the file and the line.
    /// </summary>
    public static ReferenceCsvs ReadCsvs(string? tickersCsv, string? splitsCsv) =>
        new(Given("--universe", tickersCsv, ReadSpans), Given("--splits", splitsCsv, ReadSplits));

    /// <summary>
    /// The lake's reference plus the given CSVs (else the outdir's default CSVs). Given <paramref name="unreadable"/>, a
    /// file of the lake that cannot be read is passed to it (outdir-relative path) and left out.
    /// </summary>
    internal static TickerReference Load(string outdir, ReferenceCsvs given, Action<string, Exception>? unreadable)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        Action<string, Exception>? report = unreadable is null ? null : (file, ex) =>
        {
            var relative = LakeLayoutView.Relative(outdir, file);
            problems[relative] = FileProblem.Describe(ex);
            unreadable(relative, ex);
        };
        var folder = Path.Combine(outdir, Folder);
        var listings = ReferenceParquet.ReadSpans(Path.Combine(folder, "details"), report)
            .Select(s => (s.Ticker, new ListingSpan(s.Listed, s.Delisted)))
            .Concat(ReferenceParquet.ReadListings(Path.Combine(folder, "tickers"), report))
            .ToList();
        var splits = ReferenceParquet.ReadSplits(Path.Combine(folder, "splits"), report);
        var periods = ReferenceParquet.ReadSymbolPeriods(Path.Combine(folder, "ticker_events"), report);
        listings.AddRange(given.Spans ?? Guarded(Existing(Path.Combine(folder, "tickers.csv")), ReadSpans, report));
        splits.AddRange(given.Splits ?? Guarded(Existing(Path.Combine(folder, "splits.csv")), ReadSplits, report));
        return new TickerReference(listings, splits.Distinct(), periods, problems);
    }

    /// <summary>Writes splits in the format <see cref="Load(string, string?, string?)"/> reads.</summary>
    public static void WriteSplits(string path, IEnumerable<SplitRecord> splits)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("ticker,execution_date,split_from,split_to");
        foreach (var s in splits)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Ticker},{LocalDatePattern.Iso.Format(s.ExecutionDate)},{s.SplitFrom},{s.SplitTo}"));
        }
    }

    private static List<T>? Given<T>(string option, string? path, Func<string, List<T>> read)
    {
        try
        {
            return path is null ? null : read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The user's file (permissions, a folder, a device): input, not a crash.
            throw new InputException($"{option} {path}: cannot read ({ex.Message})", ex);
        }
    }

    private static string? Existing(string path) => File.Exists(path) ? path : null;

    private static IReadOnlyList<T> Guarded<T>(string? path, Func<string, IReadOnlyList<T>> read, Action<string, Exception>? unreadable)
    {
        if (path is null)
        {
            return [];
        }

        try
        {
            return read(path);
        }
        catch (Exception ex) when (unreadable is not null && FileProblem.Is(ex))
        {
            unreadable(path, ex);
            return [];
        }
    }

    private static List<(string, ListingSpan)> ReadSpans(string path)
    {
        var list = new List<(string, ListingSpan)>();
        foreach (var (line, get, has) in Rows(path, "ticker"))
        {
            var ticker = get("ticker")!;
            var listed = ParseDate(path, line, get("list_date"));
            var delisted = ParseDate(path, line, get("delisted_utc") ?? get("delisted_date"))?.PlusDays(-1);

            // A delisting column left empty says the ticker is still listed; a CSV without one says nothing.
            var stillActive = delisted is null && (has("delisted_utc") || has("delisted_date"));
            list.Add((ticker, new ListingSpan(listed, delisted, StillActive: stillActive)));
        }

        return list;
    }

    private static List<SplitRecord> ReadSplits(string path)
    {
        var list = new List<SplitRecord>();
        foreach (var (line, get, _) in Rows(path, "ticker", "execution_date", "split_from", "split_to"))
        {
            var date = ParseDate(path, line, get("execution_date")) ?? throw new InputException($"{path}:{line}: empty execution_date");
            list.Add(new SplitRecord(get("ticker")!, date, ParseNumber(path, line, get("split_from")), ParseNumber(path, line, get("split_to"))));
        }

        return list;
    }

    private static IEnumerable<(int Line, Func<string, string?> Get, Func<string, bool> Has)> Rows(string path, params string[] required)
    {
        using var reader = Input.SharedRead.Text(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            yield break;
        }

        var header = csv.HeaderRecord.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        foreach (var name in required)
        {
            if (Array.IndexOf(header, name) < 0)
            {
                throw new InputException($"{path}:1: no '{name}' column in header \"{EchoedValue.Of(string.Join(',', csv.HeaderRecord))}\"");
            }
        }

        var line = 1;
        while (csv.Read())
        {
            line++;
            var record = csv.Parser.Record ?? [];
            string? Get(string name)
            {
                var i = Array.IndexOf(header, name);
                var value = i >= 0 && i < record.Length ? record[i].Trim() : null;
                return string.IsNullOrEmpty(value) ? null : value;
            }

            if (Get("ticker") is null)
            {
                continue;
            }

            yield return (line, Get, name => Array.IndexOf(header, name) >= 0);
        }
    }

    private static LocalDate? ParseDate(string path, int line, string? text)
    {
        if (text is null)
        {
            return null;
        }

        // delisted_utc is an ISO instant; its New York date is the last day listed.
        var datePart = text.Length >= 10 ? text[..10] : text;
        var parsed = LocalDatePattern.Iso.Parse(datePart);
        return parsed.Success ? parsed.Value : throw new InputException($"{path}:{line}: '{EchoedValue.Of(text)}' is not a date (YYYY-MM-DD)");
    }

    private static double ParseNumber(string path, int line, string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new InputException($"{path}:{line}: '{EchoedValue.Of(text)}' is not a positive number");
}
