using System.Collections.Concurrent;
using NodaTime;
using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Splits, dividends and ticker events of the universe's members, one file per dataset and snapshot date.
/// A dataset whose file already exists for the date is complete (written atomically) and is not fetched again.
/// </summary>
internal sealed class ReferenceDatasetsFetcher(ReferenceClient client, int parallelism)
{
    public async Task<IReadOnlyDictionary<string, long>> FetchAsync(string outdir, LocalDate snapshotDate, IReadOnlyList<UniverseCandidate> members, CancellationToken cancellationToken)
    {
        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        var splitsPath = ReferenceLake.PartFile(outdir, ReferenceLake.SplitsDataset, snapshotDate);
        if (!File.Exists(splitsPath))
        {
            var splits = new ConcurrentBag<(int Order, IReadOnlyList<SplitRecord> Rows)>();
            await Parallel.ForEachAsync(members.Select((m, i) => (m, i)), options, async (x, ct) =>
                splits.Add((x.i, await client.ListSplitsAsync(x.m.Ticker, ct))));
            written[ReferenceLake.SplitsDataset] = await ReferenceTables.Splits.WriteAsync(splitsPath, splits.OrderBy(s => s.Order).SelectMany(s => s.Rows), cancellationToken);
        }

        var dividendsPath = ReferenceLake.PartFile(outdir, ReferenceLake.DividendsDataset, snapshotDate);
        if (!File.Exists(dividendsPath))
        {
            var dividends = new ConcurrentBag<(int Order, IReadOnlyList<DividendRecord> Rows)>();
            await Parallel.ForEachAsync(members.Select((m, i) => (m, i)), options, async (x, ct) =>
                dividends.Add((x.i, await client.ListDividendsAsync(x.m.Ticker, ct))));
            written[ReferenceLake.DividendsDataset] = await ReferenceTables.Dividends.WriteAsync(dividendsPath, dividends.OrderBy(s => s.Order).SelectMany(s => s.Rows), cancellationToken);
        }

        var eventsPath = ReferenceLake.PartFile(outdir, ReferenceLake.TickerEventsDataset, snapshotDate);
        if (!File.Exists(eventsPath))
        {
            var events = new ConcurrentBag<(int Order, UniverseCandidate Member, TickerEvents? Events)>();
            await Parallel.ForEachAsync(members.Select((m, i) => (m, i)), options, async (x, ct) =>
                events.Add((x.i, x.m, await client.GetTickerEventsAsync(x.m.Listing.CompositeFigi ?? x.m.Ticker, ct))));
            var rows = new List<TickerEventRow>();
            foreach (var (_, member, e) in events.OrderBy(e => e.Order))
            {
                if (e is null)
                {
                    continue;
                }

                ApplyTickerChanges(member, e);
                rows.AddRange(e.Changes.OrderBy(c => c.Date, StringComparer.Ordinal).Select(c => new TickerEventRow(member.Identity, e, c)));
            }

            written[ReferenceLake.TickerEventsDataset] = await ReferenceTables.TickerEvents.WriteAsync(eventsPath, rows, cancellationToken);
        }

        return written;
    }

    /// <summary>Rebuilds a member's ticker intervals from its ticker_change events: each change runs until the next one (or the delisting).</summary>
    public static void ApplyTickerChanges(UniverseCandidate member, TickerEvents events)
    {
        var changes = events.Changes
            .Select(c => (c.Ticker, Date: ReferenceDates.Parse(c.Date)))
            .OrderBy(c => c.Date ?? LocalDate.MinIsoValue)
            .ToList();
        if (changes.Count == 0)
        {
            return;
        }

        member.Tickers.Clear();
        for (var i = 0; i < changes.Count; i++)
        {
            var to = i + 1 < changes.Count ? changes[i + 1].Date : member.DelistedDate;
            member.Tickers.Add(new TickerInterval(changes[i].Ticker, changes[i].Date, to));
        }
    }
}
