namespace SmallCaps.Core.Runs;

/// <summary>Progress of one dataset of the outdir, read from the ledger (committed state only).</summary>
internal sealed record DatasetProgress
{
    /// <summary>Dataset (<c>bars_1d</c>, <c>bars_1m</c>).</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The tasks the ledger knows plus, for the run's dataset, the planned ones not yet in it: always done + empty +
    /// not-found + not-entitled + failed + pending + running.
    /// </summary>
    public int TasksTotal { get; init; }

    /// <summary>Tasks with a committed file.</summary>
    public int Done { get; init; }

    /// <summary>Windows without bars.</summary>
    public int Empty { get; init; }

    /// <summary>Unknown tickers.</summary>
    public int NotFound { get; init; }

    /// <summary>Windows the plan does not cover.</summary>
    public int NotEntitled { get; init; }

    /// <summary>Failed tasks (a new run retries them).</summary>
    public int Failed { get; init; }

    /// <summary>Tasks not started: planned but not yet in the ledger (tasks enter it as they start), or put back by an interrupted run.</summary>
    public int Pending { get; init; }

    /// <summary>Tasks a live run is fetching (after a crash: abandoned, reset by the next run).</summary>
    public int Running { get; init; }

    /// <summary>Tasks the run's range still needs (planner over the ledger), or null when it cannot be computed.</summary>
    public int? Remaining { get; init; }

    /// <summary>The run's dataset: the last date its plan reaches, YYYY-MM-DD (as the ingest decided it), or null when not known.</summary>
    public string? PlannedTo { get; init; }

    /// <summary>The run's dataset: why the days after <see cref="PlannedTo"/> wait for a later run (not counted as tasks), or null.</summary>
    public string? Waiting { get; init; }

    /// <summary>Bars in committed files.</summary>
    public long Bars { get; init; }

    /// <summary>Bytes of committed files.</summary>
    public long Bytes { get; init; }

    /// <summary>The most frequent failure reasons, most frequent first (at most 3).</summary>
    public IReadOnlyList<FailureReason> TopFailures { get; init; } = [];
}
