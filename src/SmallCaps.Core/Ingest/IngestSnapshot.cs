namespace SmallCaps.Core.Ingest;

/// <summary>Progress of a run at one moment (cheap to take; the console polls it).</summary>
/// <param name="Planned">Tasks planned for this run.</param>
/// <param name="Finished">Tasks that reached a final state in this run.</param>
/// <param name="Done">Tasks committed with a file.</param>
/// <param name="Empty">Tasks without bars.</param>
/// <param name="NotFound">Unknown tickers.</param>
/// <param name="NotEntitled">Windows the plan does not cover.</param>
/// <param name="Failed">Tasks that failed (re-run resumes).</param>
/// <param name="Bars">Bars in the files of the tasks done (not those fetched for a task that was then abandoned).</param>
/// <param name="Bytes">Bytes published.</param>
/// <param name="Elapsed">Time since the run started (planning, tasks and the steps after them).</param>
/// <param name="MergesPlanned">Partitions the merge step after the fetches is merging (0 before it starts).</param>
/// <param name="MergesFinished">Of those, the ones it is through with.</param>
public sealed record IngestSnapshot(int Planned, int Finished, int Done, int Empty, int NotFound, int NotEntitled, int Failed, long Bars, long Bytes, TimeSpan Elapsed, int MergesPlanned = 0, int MergesFinished = 0)
{
    /// <summary>Windows a split made stale that the run is fetching again (0 before that step).</summary>
    public int RefetchesPlanned { get; init; }

    /// <summary>Of those, the ones it is through with.</summary>
    public int RefetchesFinished { get; init; }

    /// <summary>What the run is doing: its tasks, or a step after them.</summary>
    public RunPhase Phase { get; init; }

    /// <summary>The last date the run's plan reaches (--to clamped to yesterday and to the sessions the vendor has published); null when not known.</summary>
    public NodaTime.LocalDate? PlannedTo { get; init; }

    /// <summary>Why the sessions after <see cref="PlannedTo"/> wait for a later run (the vendor has not published them); null when none do.</summary>
    public string? Waiting { get; init; }
}
