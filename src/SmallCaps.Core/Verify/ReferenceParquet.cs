using NodaTime;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Verify;

/// <summary>Reads the reference lake's Parquet partitions (<c>snapshot_date=YYYY-MM-DD/*.parquet</c>) for verify.</summary>
internal static class ReferenceParquet
{
    /// <summary>Every split of every snapshot (duplicates removed by the caller).</summary>
    public static List<SplitRecord> ReadSplits(string datasetFolder)
    {
        var list = new List<SplitRecord>();
        foreach (var file in Files(datasetFolder))
        {
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
        }

        return list;
    }

    /// <summary>List and last-traded dates per ticker; later snapshots override earlier ones.</summary>
    public static List<(string Ticker, LocalDate? Listed, LocalDate? Delisted)> ReadSpans(string datasetFolder)
    {
        var byTicker = new Dictionary<string, (LocalDate?, LocalDate?)>(StringComparer.Ordinal);
        foreach (var file in Files(datasetFolder))
        {
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

                LocalDate? list = listed is { Int32Values: { } days } && !listed.IsNull(i) ? DayNumbers.ToDate(days[i]) : null;
                var delistText = delisted?.GetString(i);
                LocalDate? last = delistText is { Length: >= 10 } && NodaTime.Text.LocalDatePattern.Iso.Parse(delistText[..10]) is { Success: true } p ? p.Value.PlusDays(-1) : null;
                if (list is not null || last is not null)
                {
                    byTicker[t] = (list, last);
                }
            }
        }

        return byTicker.Select(p => (p.Key, p.Value.Item1, p.Value.Item2)).ToList();
    }

    /// <summary>
    /// The periods each ticker named a security, from ticker_change events: an identity's events in date order, each
    /// ticker running until the day before the next change. The latest snapshot holding an identity wins.
    /// </summary>
    public static List<(string Ticker, SymbolPeriod Period)> ReadSymbolPeriods(string datasetFolder) =>
        ReadHistories(datasetFolder).SelectMany(history => history).ToList();

    /// <summary>Each identity's tickers in date order, each with the period it named the identity (see <see cref="ReadSymbolPeriods"/>).</summary>
    public static List<List<(string Ticker, SymbolPeriod Period)>> ReadHistories(string datasetFolder)
    {
        // Files in snapshot order, each read with the reader select-universe uses: a later snapshot repeats an
        // identity's whole history, so it replaces the earlier one.
        var byIdentity = new SortedDictionary<string, List<(string Ticker, LocalDate? Date)>>(StringComparer.Ordinal);
        foreach (var file in Files(datasetFolder))
        {
            foreach (var (identity, events) in Universe.TickerEventFiles.Read([file]))
            {
                byIdentity[identity] = events;
            }
        }

        var histories = new List<List<(string, SymbolPeriod)>>();
        foreach (var events in byIdentity.Values)
        {
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

                LocalDate? to = next < ordered.Count && ordered[next].Date is { } change ? change.PlusDays(-1) : null;
                history.Add((ordered[i].Ticker, new SymbolPeriod(ordered[i].Date, to)));
                i = next - 1;
            }

            histories.Add(history);
        }

        return histories;
    }

    /// <summary>Whether the folder holds any readable partition file.</summary>
    public static bool HasFiles(string datasetFolder) => Files(datasetFolder).Any();

    // Partitions in snapshot-date order, so later ones win.
    private static IEnumerable<string> Files(string datasetFolder) =>
        Directory.Exists(datasetFolder)
            ? Directory.EnumerateFiles(datasetFolder, "*.parquet", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)
            : [];
}
