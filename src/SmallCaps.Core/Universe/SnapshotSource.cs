using NodaTime;
using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Universe;

/// <summary>Locates the files of a local snapshot (the seeds' layout or our lake's) and joins details to requests.</summary>
internal static class SnapshotSource
{
    /// <summary><c>tickers.parquet</c> in the folder, else its <c>part*.parquet</c> files (a lake partition).</summary>
    public static IReadOnlyList<TickerRecord> ReadTickers(string directory)
    {
        if (File.Exists(directory) && directory.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return SnapshotFiles.ReadTickers(directory);
        }

        if (!Directory.Exists(directory))
        {
            throw new UniverseInputException($"{directory}: snapshot folder not found");
        }

        var named = Path.Combine(directory, "tickers.parquet");
        if (File.Exists(named))
        {
            return SnapshotFiles.ReadTickers(named);
        }

        var parts = Directory.GetFiles(directory, "part*.parquet").Order(StringComparer.Ordinal).ToList();
        if (parts.Count == 0)
        {
            throw new UniverseInputException($"{directory}: no tickers.parquet (nor part*.parquet) in the snapshot folder");
        }

        return [.. parts.SelectMany(SnapshotFiles.ReadTickers)];
    }

    public static IReadOnlyList<TickerRecord> ReadDetails(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*.parquet").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                throw new UniverseInputException($"{path}: no .parquet details file in the folder");
            }

            return [.. files.SelectMany(SnapshotFiles.ReadDetails)];
        }

        return SnapshotFiles.ReadDetails(path);
    }

    /// <summary>The date in a <c>snapshot_date=YYYY-MM-DD</c> (or <c>as_of_date=</c>) folder name, if any.</summary>
    public static LocalDate? DateOf(string directory)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        var eq = name.IndexOf('=', StringComparison.Ordinal);
        return eq >= 0 ? ReferenceDates.Parse(name[(eq + 1)..]) : null;
    }

    /// <summary>
    /// The ticker_events files beside a lake's tickers partition (<c>reference/tickers/snapshot_date=D</c> →
    /// <c>reference/ticker_events/snapshot_date=D</c>), which <c>--corporate-actions</c> wrote; none for other folders.
    /// </summary>
    public static IReadOnlyList<string> TickerEventsBeside(string directory)
    {
        var partition = new DirectoryInfo(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        if (partition.Parent is not { Name: ReferenceLake.TickersDataset, Parent: { } reference })
        {
            return [];
        }

        var events = Path.Combine(reference.FullName, ReferenceLake.TickerEventsDataset, partition.Name);
        return Directory.Exists(events) ? [.. Directory.GetFiles(events, "part*.parquet").Order(StringComparer.Ordinal)] : [];
    }

    /// <summary>The date of the folder a details file (or folder) sits in, e.g. <c>as_of_date=2025-10-19/details.parquet</c>.</summary>
    public static LocalDate? DetailsDateOf(string path) =>
        Directory.Exists(path) ? DateOf(path) : DateOf(Path.GetDirectoryName(Path.GetFullPath(path)) ?? path);

    /// <summary>
    /// Gives rows that carry a market cap but no market_cap_date the date of their folder (the seeds' details hold
    /// one undated row per ticker, taken on the snapshot date); without one the cap's date stays unknown.
    /// </summary>
    public static void DateUndatedCaps(IEnumerable<TickerRecord> rows, LocalDate? folderDate)
    {
        if (folderDate is not { } date)
        {
            return;
        }

        foreach (var row in rows.Where(r => r.MarketCap is not null && r.MarketCapDate is null))
        {
            row.MarketCapDate = ReferenceDates.Format(date);
        }
    }

    /// <summary>
    /// Picks the details row of each candidate's request among the ticker's rows of the same security (a reused
    /// symbol's rows name another FIGI): the row whose market_cap_date is the date asked, else the row of the nearest
    /// other date (the earlier on a tie), else the undated row. A row of another date keeps its own market_cap_date,
    /// so the universe says which date each cap is of (see <see cref="UniverseCandidate.MarketCapDate"/>).
    /// </summary>
    public static Dictionary<DetailsRequest, TickerRecord> Join(IReadOnlyList<TickerRecord> details, IReadOnlyList<UniverseCandidate> candidates)
    {
        var byTicker = details.GroupBy(d => d.Ticker, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var result = new Dictionary<DetailsRequest, TickerRecord>();
        foreach (var asking in candidates.GroupBy(c => new DetailsRequest(c.Ticker, c.CapDate)))
        {
            var request = asking.Key;
            if (!byTicker.TryGetValue(request.Ticker, out var rows))
            {
                continue;
            }

            var same = rows.Where(r => asking.Any(c => UniverseSelector.SameSecurity(c.Listing, r))).ToList();
            var nearest = same.Select(r => (Row: r, Date: ReferenceDates.Parse(r.MarketCapDate)))
                .Where(r => r.Date is not null)
                .OrderBy(r => Math.Abs(Period.DaysBetween(request.Date, r.Date!.Value)))
                .ThenBy(r => r.Date!.Value)
                .Select(r => r.Row)
                .FirstOrDefault();
            if ((nearest ?? same.FirstOrDefault(r => r.MarketCapDate is null)) is { } row)
            {
                result[request] = row;
            }
        }

        return result;
    }
}
