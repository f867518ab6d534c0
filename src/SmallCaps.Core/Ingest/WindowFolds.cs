using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// Finds the empty windows to fold into a neighbour's ledger row. Every nightly run settles a window per ticker; a
/// ticker without bars in it (a delisted name) leaves an empty row that no merge takes, as merges count files, so
/// without folding the ledger, and every run's memory, would grow by one row per such ticker a night. Windows fold
/// under the merge rules (adjoining, same partition and request parameters, done or empty only): empty ones into the
/// done window before them (or, for empties leading a run, the done window after them), or into one empty row when
/// the run holds no file. The file stays as it is: its bars lie inside the wider window.
/// </summary>
internal static class WindowFolds
{
    /// <summary>The folds due among <paramref name="known"/> of <paramref name="dataset"/>, leaving the rows of <paramref name="held"/> (a merge journal's sources) alone.</summary>
    public static IReadOnlyList<WindowFold> Plan(BarDataset dataset, IReadOnlyList<LedgerTask> known, IReadOnlySet<long> held)
    {
        var folds = new List<WindowFold>();
        var partitions = known
            .Where(t => t.Key.Dataset == dataset.Name)
            .GroupBy(t => (t.Key.Ticker, Year: dataset.PartitionByYear ? t.Key.WindowStart.Year : 0));
        foreach (var partition in partitions)
        {
            var run = new List<LedgerTask>();
            foreach (var task in partition.OrderBy(t => t.Key.WindowStart))
            {
                var foldable = task.State is TaskState.Done or TaskState.Empty && !held.Contains(task.Id);
                if (run.Count > 0 && !(foldable && MergePlanner.Continues(run[^1], task)))
                {
                    Add(dataset, run, folds);
                    run = [];
                }

                if (foldable)
                {
                    run.Add(task);
                }
            }

            Add(dataset, run, folds);
        }

        return folds;
    }

    // Splits a run of adjoining settled windows into one group per file (or one group when it has none), each folded whole.
    private static void Add(BarDataset dataset, List<LedgerTask> run, List<WindowFold> folds)
    {
        var groups = new List<List<LedgerTask>>();
        var leading = new List<LedgerTask>();
        foreach (var task in run)
        {
            if (task.State == TaskState.Done)
            {
                groups.Add([.. groups.Count == 0 ? leading : [], task]);
            }
            else if (groups.Count == 0)
            {
                leading.Add(task);
            }
            else
            {
                groups[^1].Add(task);
            }
        }

        if (groups.Count == 0)
        {
            groups.Add(leading);
        }

        foreach (var group in groups.Where(g => g.Count > 1))
        {
            var kept = group.FirstOrDefault(t => t.State == TaskState.Done) ?? group[0];
            var window = new TaskKey(dataset.Name, kept.Key.Ticker, group[0].Key.WindowStart, group[^1].Key.WindowEnd);
            folds.Add(new WindowFold(kept, window, [.. group.Where(t => t.Id != kept.Id).Select(t => t.Id)]));
        }
    }
}
