namespace SmallCaps.Core.Runs;

/// <summary>Everything <c>status</c> reports; serialized as the documented <c>status --json</c> shape (schema 1).</summary>
internal sealed record RunStatus
{
    /// <summary>Version of the JSON shape.</summary>
    public int Schema { get; init; } = 1;

    /// <summary>The workdir read.</summary>
    public required string Workdir { get; init; }

    /// <summary>running, finished, stopped, crashed, or none.</summary>
    public required RunState State { get; init; }

    /// <summary>Whether the run's top process is alive.</summary>
    public bool Alive { get; init; }

    /// <summary>The pause flag is set.</summary>
    public bool Paused { get; init; }

    /// <summary>A stop request is pending.</summary>
    public bool StopRequested { get; init; }

    /// <summary>The run record, or null when no run was launched.</summary>
    public RunRecord? Run { get; init; }

    /// <summary>How it ended, or null while running or after a crash without an end.</summary>
    public RunResult? Result { get; init; }

    /// <summary>Pid of the process doing the ingest now (the supervisor's current child when supervised).</summary>
    public int? IngestPid { get; init; }

    /// <summary>Ingest processes started (supervised runs), else null.</summary>
    public int? Attempt { get; init; }

    /// <summary>Latest counters written by the ingest, or null.</summary>
    public ProgressSnapshot? Progress { get; init; }

    /// <summary>Seconds since <see cref="Progress"/> was written.</summary>
    public double? ProgressAgeSeconds { get; init; }

    /// <summary>Ledger progress per dataset of the outdir.</summary>
    public IReadOnlyList<DatasetProgress> Datasets { get; init; } = [];

    /// <summary>Crashes and restarts of a supervised run.</summary>
    public IReadOnlyList<RestartRecord> Restarts { get; init; } = [];

    /// <summary>Stale state and other things worth knowing, one line each.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Last lines of the run's log.</summary>
    public IReadOnlyList<string> LogTail { get; init; } = [];
}
