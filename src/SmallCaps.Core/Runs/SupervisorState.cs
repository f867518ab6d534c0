namespace SmallCaps.Core.Runs;

/// <summary>What the supervisor of a run publishes (<c>supervisor.json</c>); it is the only writer.</summary>
internal sealed record SupervisorState
{
    /// <summary>Run id.</summary>
    public required string RunId { get; init; }

    /// <summary>Ingest processes started so far.</summary>
    public int Attempt { get; init; }

    /// <summary>Pid of the current ingest process, or null between attempts.</summary>
    public int? WorkerPid { get; init; }

    /// <summary>OS start time of the current ingest process.</summary>
    public DateTimeOffset? WorkerStartedAt { get; init; }

    /// <summary>The OS's fixed start stamp of the current ingest process.</summary>
    public long? WorkerStartTicks { get; init; }

    /// <summary>Held by the pause flag.</summary>
    public bool Paused { get; init; }

    /// <summary>Every crash and the restart that followed, oldest first.</summary>
    public IReadOnlyList<RestartRecord> Restarts { get; init; } = [];
}
