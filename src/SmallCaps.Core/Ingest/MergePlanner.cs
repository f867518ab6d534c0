using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// Finds the partitions whose bars sit in more than one file: every later <c>--to</c> (a nightly run, say) adds a
/// window, and without merging a year of nightly runs would leave ~250 small files per ticker, the seeds' problem.
/// Windows can merge when each starts the day after the previous one ends, all are done or empty, and they share the
/// request parameters and partition. A partition of at most <see cref="WholeMergeRows"/> bars becomes one file. A
/// larger one merges only its newest files, back to the first older file bigger than all of them together, so a night
/// rewrites the recent bars, not the year: its files at least double in size going back, a handful at most.
/// </summary>
internal static class MergePlanner
{
    /// <summary>Bars up to which a partition is always merged whole: one row group, rewritten in milliseconds.</summary>
    public const long WholeMergeRows = 65_536;

    /// <summary>The merges due among the ledger's tasks of <paramref name="dataset"/>, for <paramref name="tickers"/> only.</summary>
    public static IReadOnlyList<MergeCandidate> Plan(BarDataset dataset, IReadOnlyList<LedgerTask> known, IReadOnlyCollection<string> tickers)
    {
        var wanted = tickers as IReadOnlySet<string> ?? tickers.ToHashSet(StringComparer.Ordinal);
        var candidates = new List<MergeCandidate>();
        var partitions = known
            .Where(t => t.Key.Dataset == dataset.Name && wanted.Contains(t.Key.Ticker))
            .GroupBy(t => (t.Key.Ticker, Year: dataset.PartitionByYear ? t.Key.WindowStart.Year : 0));
        foreach (var partition in partitions.OrderBy(p => p.Key.Ticker, StringComparer.Ordinal).ThenBy(p => p.Key.Year))
        {
            var run = new List<LedgerTask>();
            foreach (var task in partition.OrderBy(t => t.Key.WindowStart))
            {
                if (run.Count > 0 && !Continues(run[^1], task))
                {
                    Add(dataset, run, candidates);
                    run = [];
                }

                if (task.State is TaskState.Done or TaskState.Empty)
                {
                    run.Add(task);
                }
            }

            Add(dataset, run, candidates);
        }

        return candidates;
    }

    /// <summary>Whether <paramref name="next"/> is settled and adjoins <paramref name="previous"/> with the same request parameters.</summary>
    internal static bool Continues(LedgerTask previous, LedgerTask next) =>
        next.State is TaskState.Done or TaskState.Empty
        && next.Key.WindowStart == previous.Key.WindowEnd.PlusDays(1)
        && next.Adjusted == previous.Adjusted
        && next.Timespan == previous.Timespan;

    private static void Add(BarDataset dataset, List<LedgerTask> run, List<MergeCandidate> candidates)
    {
        var files = run.Where(t => t.State == TaskState.Done).ToList();
        if (files.Count < 2)
        {
            return;
        }

        // Newest files first: an older file joins while it is no bigger than everything newer taken so far.
        var first = files[^1];
        if (files.Sum(f => f.Rows) > WholeMergeRows)
        {
            long taken = first.Rows;
            for (var i = files.Count - 2; i >= 0 && files[i].Rows <= taken; i--)
            {
                first = files[i];
                taken += first.Rows;
            }
        }
        else
        {
            first = files[0];
        }

        // Empty windows after the first merged file are folded in: the merged window covers them, so they settle with it.
        var sources = run.SkipWhile(t => t.Id != first.Id).ToList();
        if (sources.Count(t => t.State == TaskState.Done) < 2)
        {
            return;
        }

        var merged = new TaskKey(dataset.Name, sources[0].Key.Ticker, sources[0].Key.WindowStart, sources[^1].Key.WindowEnd);
        candidates.Add(new MergeCandidate(merged, sources));
    }
}
