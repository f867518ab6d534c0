using System.Globalization;

namespace SmallCaps.Core.Ingest;

/// <summary>Plain-text forms of a run's outcome (ledger, logs, redirected output).</summary>
public static class IngestSummary
{
    /// <summary>One line: task states, bars, bytes, elapsed.</summary>
    public static string OneLine(IngestOutcome outcome)
    {
        var line = OneLine(outcome.Final);
        if (outcome.Refetched is { Stale: > 0 } r)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", refetched {r.Refetched}/{r.Stale} windows rewritten by splits");
        }

        if (outcome.RecheckedTails is { Stale: > 0 } t)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", fetched again {t.Refetched}/{t.Stale} windows an older build may have ended early");
        }

        return outcome.Merged is { Files: > 0 } m ? string.Create(CultureInfo.InvariantCulture, $"{line}, merged {m.Files} files into {m.Partitions}") : line;
    }

    /// <summary>One line for a snapshot.</summary>
    public static string OneLine(IngestSnapshot s) => string.Create(
        CultureInfo.InvariantCulture,
        $"tasks {s.Finished}/{s.Planned} (done {s.Done}, empty {s.Empty}, not-found {s.NotFound}, not-entitled {s.NotEntitled}, failed {s.Failed}), bars {s.Bars:N0}, {s.Bytes / 1048576.0:F1} MB, elapsed {s.Elapsed:hh\\:mm\\:ss}");
}
