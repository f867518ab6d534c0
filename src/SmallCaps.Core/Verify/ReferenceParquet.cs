using NodaTime;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Verify;

/// <summary>
/// Reads the reference lake's Parquet partitions (<c>snapshot_date=YYYY-MM-DD/*.parquet</c>) for verify. Given
/// <c>unreadable</c>, a file that cannot be read is passed to it and left out; without it, the reader's error is thrown.
/// </summary>
internal static class ReferenceParquet
{
    private const string SnapshotPrefix = "snapshot_date=";

    /// <summary>Every split of every snapshot (duplicates removed by the caller).</summary>
    public static List<SplitRecord> ReadSplits(string datasetFolder, Action<string, Exception>? unreadable = null)
    {
        var list = new List<SplitRecord>();
        foreach (var file in Files(datasetFolder))
        {
            list.AddRange(Guarded(file, unreadable, () => ReadSplitFile(file)));
        }

        return list;
    }

    /// <summary>List and last-traded dates per ticker from the details; later snapshots override earlier ones.</summary>
    public static List<(string Ticker, LocalDate? Listed, LocalDate? Delisted)> ReadSpans(string datasetFolder, Action<string, Exception>? unreadable = null)
    {
        var byTicker = new Dictionary<string, (LocalDate?, LocalDate?)>(StringComparer.Ordinal);
        foreach (var file in Files(datasetFolder))
        {
            foreach (var (t, list, last) in Guarded(file, unreadable, () => ReadSpanFile(file)))
            {
                byTicker[t] = (list, last);
            }
        }

        return byTicker.Select(p => (p.Key, p.Value.Item1, p.Value.Item2)).ToList();
    }

    /// <summary>
    /// What the tickers lists say, snapshot by snapshot in date order: a ticker in the active list was listed on the
    /// snapshot date; one only in the delisted list traded until the day before its latest delisting date.
    /// </summary>
    public static List<(string Ticker, ListingSpan Span)> ReadListings(string datasetFolder, Action<string, Exception>? unreadable = null)
    {
        var listings = new List<(string, ListingSpan)>();
        foreach (var snapshot in Files(datasetFolder).GroupBy(f => Path.GetDirectoryName(f)!, StringComparer.Ordinal))
        {
            var date = SnapshotDate(snapshot.Key);
            var active = new HashSet<string>(StringComparer.Ordinal);
            var delisted = new Dictionary<string, LocalDate>(StringComparer.Ordinal);
            foreach (var file in snapshot)
            {
                foreach (var row in Guarded(file, unreadable, () => Universe.SnapshotFiles.ReadTickers(file)))
                {
                    if (row.Active == true)
                    {
                        active.Add(row.Ticker);
                    }
                    else if (Universe.ReferenceDates.Parse(row.DelistedUtc) is { } day)
                    {
                        // One ticker may name several delisted securities: the latest delisting ends its span.
                        delisted[row.Ticker] = delisted.TryGetValue(row.Ticker, out var other) && other > day ? other : day;
                    }
                }
            }

            listings.AddRange(delisted.Where(d => !active.Contains(d.Key)).Select(d => (d.Key, new ListingSpan(null, d.Value.PlusDays(-1)))));
            if (date is not null)
            {
                listings.AddRange(active.Select(t => (t, new ListingSpan(null, null, date))));
            }
        }

        return listings;
    }

    /// <summary>
    /// The periods each ticker named a security, from ticker_change events: an identity's events in date order, each
    /// ticker running until the day before the next change. The latest snapshot holding an identity wins.
    /// </summary>
    public static List<(string Ticker, SymbolPeriod Period)> ReadSymbolPeriods(string datasetFolder, Action<string, Exception>? unreadable = null) =>
        ReadHistories(datasetFolder, unreadable).SelectMany(history => history).ToList();

    /// <summary>Each identity's tickers in date order, each with the period it named the identity (see <see cref="ReadSymbolPeriods"/>).</summary>
    public static List<List<(string Ticker, SymbolPeriod Period)>> ReadHistories(string datasetFolder, Action<string, Exception>? unreadable = null) =>
        ReadIdentityHistories(datasetFolder, unreadable).Select(h => h.History).ToList();

    /// <summary>
    /// <see cref="ReadHistories"/> with each identity's key. Given <paramref name="lastDays"/> (see <see cref="SecurityListings.Read"/>),
    /// a delisted identity's last ticker ends on its last day.
    /// </summary>
    public static List<(string Identity, List<(string Ticker, SymbolPeriod Period)> History)> ReadIdentityHistories(string datasetFolder, Action<string, Exception>? unreadable = null, IReadOnlyDictionary<string, LocalDate>? lastDays = null)
    {
        // Files in snapshot order, each read with the reader select-universe uses: a later snapshot repeats an
        // identity's whole history, so it replaces the earlier one.
        var byIdentity = new SortedDictionary<string, List<(string Ticker, LocalDate? Date)>>(StringComparer.Ordinal);
        foreach (var file in Files(datasetFolder))
        {
            foreach (var (identity, events) in Guarded(file, unreadable, () => Universe.TickerEventFiles.Read([file])))
            {
                byIdentity[identity] = events;
            }
        }

        var histories = new List<(string, List<(string, SymbolPeriod)>)>();
        foreach (var (identity, events) in byIdentity)
        {
            // A delisted security's symbol may name a later, different security: its last ticker ends with the listing.
            LocalDate? lastDay = lastDays is not null && lastDays.TryGetValue(identity, out var d) ? d : null;
            var ordered = events.OrderBy(e => e.Date ?? LocalDate.MinIsoValue).ToList();
            var history = new List<(string, SymbolPeriod)>();
            for (var i = 0; i < ordered.Count; i++)
            {
                // A repeated ticker continues its period; the next different one ends it the day before.
                var next = i + 1;
                while (next < ordered.Count && ordered[next].Ticker == ordered[i].Ticker)
                {
                    next++;
                }

                LocalDate? to = next < ordered.Count ? ordered[next].Date?.PlusDays(-1) : lastDay;
                history.Add((ordered[i].Ticker, new SymbolPeriod(ordered[i].Date, to)));
                i = next - 1;
            }

            histories.Add((identity, history));
        }

        return histories;
    }

    /// <summary>Whether the folder holds any readable partition file.</summary>
    public static bool HasFiles(string datasetFolder) => Files(datasetFolder).Any();

    private static List<SplitRecord> ReadSplitFile(string file)
    {
        var list = new List<SplitRecord>();
        using var r = ParquetFileReader.Open(file);
        var ticker = r.ReadColumn("ticker");
        var date = r.ReadColumn("execution_date");
        var from = r.ReadColumn("split_from");
        var to = r.ReadColumn("split_to");
        for (var i = 0; i < ticker.ValueCount; i++)
        {
            if (ticker.GetString(i) is { } t && !date.IsNull(i) && !from.IsNull(i) && !to.IsNull(i) && date.Int32Values is { } days)
            {
                list.Add(new SplitRecord(t, DayNumbers.ToDate(days[i]), from.DoubleValues![i], to.DoubleValues![i]));
            }
        }

        return list;
    }

    private static List<(string, LocalDate?, LocalDate?)> ReadSpanFile(string file)
    {
        var spans = new List<(string, LocalDate?, LocalDate?)>();
        using var r = ParquetFileReader.Open(file);
        var ticker = r.ReadColumn("ticker");
        var listed = r.IndexOf("list_date") >= 0 ? r.ReadColumn("list_date") : null;
        var delisted = r.IndexOf("delisted_utc") >= 0 ? r.ReadColumn("delisted_utc") : null;
        for (var i = 0; i < ticker.ValueCount; i++)
        {
            if (ticker.GetString(i) is not { } t)
            {
                continue;
            }

            LocalDate? first = listed is { Int32Values: { } days } && !listed.IsNull(i) ? DayNumbers.ToDate(days[i]) : null;
            LocalDate? last = Universe.ReferenceDates.Parse(delisted?.GetString(i))?.PlusDays(-1);
            if (first is not null || last is not null)
            {
                spans.Add((t, first, last));
            }
        }

        return spans;
    }

    // One file read whole or not at all: a damaged file adds nothing rather than half its rows.
    internal static IEnumerable<T> Guarded<T>(string file, Action<string, Exception>? unreadable, Func<IEnumerable<T>> read)
    {
        if (unreadable is null)
        {
            return read();
        }

        try
        {
            return read().ToList();
        }
        catch (Exception ex) when (FileProblem.Is(ex))
        {
            unreadable(file, ex);
            return [];
        }
    }

    private static LocalDate? SnapshotDate(string folder)
    {
        var name = Path.GetFileName(folder);
        return name.StartsWith(SnapshotPrefix, StringComparison.Ordinal) ? Universe.ReferenceDates.Parse(name[SnapshotPrefix.Length..]) : null;
    }

    // Partitions in snapshot-date order, so later ones win.
    internal static IEnumerable<string> Files(string datasetFolder) =>
        Directory.Exists(datasetFolder)
            ? Directory.EnumerateFiles(datasetFolder, "*.parquet", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)
            : [];
}
