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
/// delisted_utc; the latest snapshot wins) and <c>&lt;outdir&gt;/reference/ticker_events/snapshot_date=*/*.parquet</c> (identity,
/// ticker, date: when a ticker began naming a security; written by <c>select-universe --corporate-actions</c>); plus, when present, <c>reference/tickers.csv</c> and <c>reference/splits.csv</c>.
/// Explicit CSVs: a tickers/universe CSV (<c>ticker</c>, optional <c>list_date</c>, <c>delisted_utc</c> or
/// <c>delisted_date</c>) and a splits CSV (<c>ticker</c>, <c>execution_date</c>, <c>split_from</c>, <c>split_to</c>).
/// A delisting date is the first day not traded: the span ends the day before.
/// </summary>
public static class ReferenceView
{
    /// <summary>Folder of the default reference files, relative to the outdir.</summary>
    public const string Folder = "reference";

    /// <summary>Loads the reference from explicit files, else the outdir's defaults, else empty.</summary>
    public static TickerReference Load(string outdir, string? tickersCsv = null, string? splitsCsv = null)
    {
        var spans = ReferenceParquet.ReadSpans(Path.Combine(outdir, Folder, "details"));
        var splits = ReferenceParquet.ReadSplits(Path.Combine(outdir, Folder, "splits"));
        var periods = ReferenceParquet.ReadSymbolPeriods(Path.Combine(outdir, Folder, "ticker_events"));
        tickersCsv ??= Existing(Path.Combine(outdir, Folder, "tickers.csv"));
        splitsCsv ??= Existing(Path.Combine(outdir, Folder, "splits.csv"));
        spans.AddRange(tickersCsv is null ? [] : ReadSpans(tickersCsv));
        splits.AddRange(splitsCsv is null ? [] : ReadSplits(splitsCsv));
        return new TickerReference(spans, splits.Distinct(), periods);
    }

    /// <summary>Writes splits in the format <see cref="Load"/> reads.</summary>
    public static void WriteSplits(string path, IEnumerable<SplitRecord> splits)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("ticker,execution_date,split_from,split_to");
        foreach (var s in splits)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Ticker},{LocalDatePattern.Iso.Format(s.ExecutionDate)},{s.SplitFrom},{s.SplitTo}"));
        }
    }

    private static string? Existing(string path) => File.Exists(path) ? path : null;

    private static List<(string, LocalDate?, LocalDate?)> ReadSpans(string path)
    {
        var list = new List<(string, LocalDate?, LocalDate?)>();
        foreach (var (line, get) in Rows(path, "ticker"))
        {
            var ticker = get("ticker")!;
            var listed = ParseDate(path, line, get("list_date"));
            var delisted = ParseDate(path, line, get("delisted_utc") ?? get("delisted_date"))?.PlusDays(-1);
            list.Add((ticker, listed, delisted));
        }

        return list;
    }

    private static List<SplitRecord> ReadSplits(string path)
    {
        var list = new List<SplitRecord>();
        foreach (var (line, get) in Rows(path, "ticker", "execution_date", "split_from", "split_to"))
        {
            var date = ParseDate(path, line, get("execution_date")) ?? throw new InputException($"{path}:{line}: empty execution_date");
            list.Add(new SplitRecord(get("ticker")!, date, ParseNumber(path, line, get("split_from")), ParseNumber(path, line, get("split_to"))));
        }

        return list;
    }

    private static IEnumerable<(int Line, Func<string, string?> Get)> Rows(string path, params string[] required)
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
                throw new InputException($"{path}:1: no '{name}' column in header \"{string.Join(',', csv.HeaderRecord)}\"");
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

            yield return (line, Get);
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
        return parsed.Success ? parsed.Value : throw new InputException($"{path}:{line}: '{text}' is not a date (YYYY-MM-DD)");
    }

    private static double ParseNumber(string path, int line, string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new InputException($"{path}:{line}: '{text}' is not a positive number");
}
