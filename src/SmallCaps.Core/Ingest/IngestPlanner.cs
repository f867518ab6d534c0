using NodaTime;
using SmallCaps.Core.Input;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// Turns (universe × requested range) into the task windows still to fetch. Rules that keep resume
/// and extension exact: a requested window (the whole range for days, one per calendar year for
/// minutes) minus every window the ledger already knows gives new tasks, so ledger windows never
/// overlap; known windows that are not settled (pending, running, failed) are re-run whole;
/// settled ones (done, empty, not-found) are never fetched again; not-entitled ones only when
/// asked (<c>--retry-not-entitled</c>, after a plan upgrade), so a nightly run does not fail on them every night.
/// </summary>
public static class IngestPlanner
{
    /// <summary>Plans the tasks of one run, in ticker then date order.</summary>
    public static IReadOnlyList<TaskKey> Plan(BarDataset dataset, IReadOnlyList<string> tickers, IngestRange range, IReadOnlyList<LedgerTask> known, bool retryNotEntitled = false) =>
        Plan(dataset, tickers.Select(t => new TickerRange(t, range.From, range.To)).ToList(), known, retryNotEntitled);

    /// <summary>Plans the tasks of one run where each ticker has its own dates (<c>--former-tickers</c>).</summary>
    public static IReadOnlyList<TaskKey> Plan(BarDataset dataset, IReadOnlyList<TickerRange> wanted, IReadOnlyList<LedgerTask> known, bool retryNotEntitled = false)
    {
        var byTicker = known.Where(t => t.Key.Dataset == dataset.Name).ToLookup(t => t.Key.Ticker, StringComparer.Ordinal);
        var plan = new List<TaskKey>();
        foreach (var (ticker, from, to) in wanted)
        {
            var existing = byTicker[ticker].OrderBy(t => t.Key.WindowStart).ToList();
            foreach (var (start, end) in RequestedWindows(dataset, new IngestRange(from, to, null)))
            {
                var overlapping = existing.Where(t => t.Key.WindowStart <= end && t.Key.WindowEnd >= start).ToList();
                plan.AddRange(overlapping.Where(t => !t.State.IsSettled() && (retryNotEntitled || t.State != TaskState.NotEntitled)).Select(t => t.Key));
                foreach (var (gapStart, gapEnd) in Gaps(start, end, overlapping.Select(t => (t.Key.WindowStart, t.Key.WindowEnd))))
                {
                    plan.Add(new TaskKey(dataset.Name, ticker, gapStart, gapEnd));
                }
            }
        }

        return plan.Distinct().OrderBy(k => k.Ticker, StringComparer.Ordinal).ThenBy(k => k.WindowStart).ToList();
    }

    /// <summary>Not-entitled windows of an earlier run inside the wanted ranges: what a run without the retry skips.</summary>
    public static int NotEntitledKnown(BarDataset dataset, IReadOnlyList<TickerRange> wanted, IReadOnlyList<LedgerTask> known)
    {
        var byTicker = known.Where(t => t.Key.Dataset == dataset.Name && t.State == TaskState.NotEntitled).ToLookup(t => t.Key.Ticker, StringComparer.Ordinal);
        return wanted.Sum(w => byTicker[w.Ticker].Count(t => t.Key.WindowStart <= w.To && t.Key.WindowEnd >= w.From));
    }

    /// <summary>Fails when the outdir already holds bars fetched with the other <c>adjusted</c> value.</summary>
    public static void CheckAdjusted(BarDataset dataset, bool adjusted, IReadOnlyList<LedgerTask> known)
    {
        if (known.Any(t => t.Key.Dataset == dataset.Name && t.State == TaskState.Done && t.Adjusted != adjusted))
        {
            throw new InputException(AdjustedProblem(dataset, adjusted));
        }
    }

    /// <summary>The same check on the ledger read as it is (before a run opens, and so upgrades, it).</summary>
    public static void CheckAdjusted(BarDataset dataset, bool adjusted, IReadOnlyList<Verify.LedgerEntry> held)
    {
        if (held.Any(e => e.Dataset == dataset.Name && e.IsDone && e.Adjusted != adjusted))
        {
            throw new InputException(AdjustedProblem(dataset, adjusted));
        }
    }

    private static string AdjustedProblem(BarDataset dataset, bool adjusted) =>
        $"--adjusted {(adjusted ? "true" : "false")} differs from the {dataset.Name} bars already in this outdir (adjusted={(adjusted ? "false" : "true")}); use another --outdir";

    private static IEnumerable<(LocalDate Start, LocalDate End)> RequestedWindows(BarDataset dataset, IngestRange range)
    {
        if (!dataset.PartitionByYear)
        {
            yield return (range.From, range.To);
            yield break;
        }

        for (var year = range.From.Year; year <= range.To.Year; year++)
        {
            var start = new LocalDate(year, 1, 1);
            var end = new LocalDate(year, 12, 31);
            yield return (start < range.From ? range.From : start, end > range.To ? range.To : end);
        }
    }

    private static IEnumerable<(LocalDate Start, LocalDate End)> Gaps(LocalDate start, LocalDate end, IEnumerable<(LocalDate Start, LocalDate End)> taken)
    {
        var cursor = start;
        foreach (var (s, e) in taken.OrderBy(w => w.Start))
        {
            if (s > cursor)
            {
                yield return (cursor, s.PlusDays(-1) < end ? s.PlusDays(-1) : end);
            }

            if (e >= cursor)
            {
                cursor = e.PlusDays(1);
            }

            if (cursor > end)
            {
                yield break;
            }
        }

        if (cursor <= end)
        {
            yield return (cursor, end);
        }
    }
}
