using SmallCaps.Core.Ingest;

namespace SmallCaps.Core.Runs;

/// <summary>Counters the running ingest writes to <c>progress.json</c> every few seconds.</summary>
internal sealed record ProgressSnapshot
{
    /// <summary>Run id.</summary>
    public required string RunId { get; init; }

    /// <summary>Pid of the ingest process.</summary>
    public required int Pid { get; init; }

    /// <summary>Dataset being written.</summary>
    public required string Dataset { get; init; }

    /// <summary>When this snapshot was taken.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Tasks planned by this ingest process.</summary>
    public int TasksPlanned { get; init; }

    /// <summary>Tasks that reached a final state in this process.</summary>
    public int TasksFinished { get; init; }

    /// <summary>Tasks committed with a file.</summary>
    public int Done { get; init; }

    /// <summary>Tasks failed in this process.</summary>
    public int Failed { get; init; }

    /// <summary>Bars (or ticks) in the files this process committed: rows of tasks not written are not counted.</summary>
    public long Bars { get; init; }

    /// <summary>Bytes published by this process.</summary>
    public long Bytes { get; init; }

    /// <summary>Seconds since this process started its tasks.</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>HTTP requests sent.</summary>
    public long Requests { get; init; }

    /// <summary>Requests per second over the last interval.</summary>
    public double RequestsPerSecond { get; init; }

    /// <summary>429 responses received.</summary>
    public long RateLimited { get; init; }

    /// <summary>Retries made.</summary>
    public long Retries { get; init; }

    /// <summary>The current request rate the gate allows.</summary>
    public double CurrentRateLimit { get; init; }

    /// <summary>Estimated seconds left, or null before the first task ends.</summary>
    public double? EtaSeconds { get; init; }

    /// <summary>True in the last snapshot, written when the ingest ends.</summary>
    public bool Final { get; init; }

    /// <summary>What the run is doing: <c>tasks</c>, then <c>refetching-late-tails</c>, <c>checking-splits</c>, <c>refetching</c>, <c>merging</c> (bars).</summary>
    public RunPhase Phase { get; init; }

    /// <summary>Bar verbs: the last date this process's plan reaches, YYYY-MM-DD (--to clamped to yesterday and to the sessions the vendor has published); null when not known.</summary>
    public string? PlannedTo { get; init; }

    /// <summary>Bar verbs: why the sessions after <see cref="PlannedTo"/> wait for a later run; null when none do.</summary>
    public string? Waiting { get; init; }
}
