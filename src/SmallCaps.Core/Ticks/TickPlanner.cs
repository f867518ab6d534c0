using SmallCaps.Core.Ledger;
using SmallCaps.Core.Manifest;

namespace SmallCaps.Core.Ticks;

/// <summary>
/// Manifest windows to tasks, one per ticker and New York session, minus those the ledger has settled (done,
/// empty, not-found). A settled session is never fetched again, even if a later manifest widens its windows.
/// </summary>
public static class TickPlanner
{
    /// <summary>Tasks still to run, by ticker then session.</summary>
    public static IReadOnlyList<TickTask> Plan(TickDataset dataset, IReadOnlyList<ManifestWindow> windows, IReadOnlyList<LedgerTask> known)
    {
        var settled = known.Where(t => t.Key.Dataset == dataset.Name && t.State.IsSettled()).Select(t => (t.Key.Ticker, t.Key.WindowStart)).ToHashSet();
        return windows
            .GroupBy(w => (w.Ticker, w.SessionDate))
            .Where(g => !settled.Contains(g.Key))
            .Select(g => new TickTask(new TaskKey(dataset.Name, g.Key.Ticker, g.Key.SessionDate, g.Key.SessionDate), Merge(g)))
            .OrderBy(t => t.Key.Ticker, StringComparer.Ordinal)
            .ThenBy(t => t.Key.WindowStart)
            .ToList();
    }

    /// <summary>Settled sessions whose manifest windows differ from the ones they were fetched with (their files are kept).</summary>
    public static IReadOnlyList<LedgerTask> ChangedSinceSettled(TickDataset dataset, IReadOnlyList<ManifestWindow> windows, IReadOnlyList<LedgerTask> known)
    {
        var current = windows.GroupBy(w => (w.Ticker, w.SessionDate)).ToDictionary(g => g.Key, g => WindowFingerprint.Of(dataset.Kind, Merge(g)));
        return known
            .Where(t => t.Key.Dataset == dataset.Name && t.State.IsSettled() && t.Timespan.Contains(':', StringComparison.Ordinal))
            .Where(t => current.TryGetValue((t.Key.Ticker, t.Key.WindowStart), out var now) && now != t.Timespan)
            .ToList();
    }

    /// <summary>Sessions of the manifest already settled in the ledger.</summary>
    public static int CountSettled(TickDataset dataset, IReadOnlyList<ManifestWindow> windows, IReadOnlyList<LedgerTask> known)
    {
        var settled = known.Where(t => t.Key.Dataset == dataset.Name && t.State.IsSettled()).Select(t => (t.Key.Ticker, t.Key.WindowStart)).ToHashSet();
        return windows.Select(w => (w.Ticker, w.SessionDate)).Distinct().Count(settled.Contains);
    }

    // A hand-written manifest may overlap; fetching an overlap twice would duplicate ticks.
    private static List<ManifestWindow> Merge(IEnumerable<ManifestWindow> windows)
    {
        var merged = new List<ManifestWindow>();
        foreach (var w in windows.OrderBy(w => w.StartNs))
        {
            if (merged.Count > 0 && w.StartNs <= merged[^1].EndNs)
            {
                merged[^1] = merged[^1] with { EndNs = Math.Max(merged[^1].EndNs, w.EndNs), Events = merged[^1].Events + w.Events };
            }
            else
            {
                merged.Add(w);
            }
        }

        return merged;
    }
}
