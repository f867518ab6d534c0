namespace SmallCaps.Core.Ingest;

/// <summary>How a run ended.</summary>
/// <param name="Final">Counters at the end.</param>
/// <param name="Interrupted">Cancelled by the user (Ctrl+C, SIGTERM).</param>
/// <param name="FatalError">One-line reason the run stopped early (key rejected, disk full), or null.</param>
/// <param name="FirstFailure">One-line reason of the first failed task, or null.</param>
public sealed record IngestOutcome(IngestSnapshot Final, bool Interrupted, string? FatalError, string? FirstFailure)
{
    /// <summary>What the merge step after the fetches did (null when it did not run: interrupted, key rejected).</summary>
    public MergeTally? Merged { get; init; }

    /// <summary>What fetching windows made stale by splits did (null when it did not run).</summary>
    public RefreshTally? Refetched { get; init; }

    /// <summary>What fetching again the windows an older build may have settled early did (null when there were none).</summary>
    public RefreshTally? RecheckedTails { get; init; }

    /// <summary>The exit code of a run stopped by <see cref="FatalError"/>: 3 for the key or plan, 1 for a full disk (re-run resumes).</summary>
    public int FatalExitCode { get; init; } = ExitCodes.KeyRejected;

    /// <summary>The process exit code this outcome maps to.</summary>
    public int ExitCode =>
        Interrupted ? ExitCodes.Interrupted
        : FatalError is not null ? FatalExitCode
        : Final.Failed > 0 || Refetched is { Failed: > 0 } || RecheckedTails is { Failed: > 0 } ? ExitCodes.SomeFailed
        : Final.NotEntitled > 0 ? ExitCodes.KeyRejected
        : ExitCodes.Ok;
}
