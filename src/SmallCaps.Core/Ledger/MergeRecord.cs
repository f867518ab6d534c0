namespace SmallCaps.Core.Ledger;

/// <summary>
/// A merge of a partition's task windows into one file, journalled so a killed run can finish or undo it:
/// <see cref="Published"/> is false while the merged file may still be a temp file (undo), true once the ledger
/// points at it instead of the sources (finish deleting the sources' files).
/// </summary>
public sealed record MergeRecord
{
    /// <summary>Row id (0 before it is recorded).</summary>
    public long Id { get; init; }

    /// <summary>The merged window: the first source's start to the last one's end.</summary>
    public required TaskKey Key { get; init; }

    /// <summary>False while only the intent is recorded; true once the ledger holds the merged task instead of the sources.</summary>
    public bool Published { get; init; }

    /// <summary>The sealed temp file, relative to the outdir, '/' separated.</summary>
    public required string TempPath { get; init; }

    /// <summary>The merged file as the ledger will record it.</summary>
    public required CommittedFile File { get; init; }

    /// <summary>Request parameter adjusted, the same for every source.</summary>
    public bool Adjusted { get; init; }

    /// <summary>Request parameter timespan, the same for every source.</summary>
    public required string Timespan { get; init; }

    /// <summary>Task ids of the merged windows.</summary>
    public required IReadOnlyList<long> SourceIds { get; init; }

    /// <summary>Files of the merged windows, relative to the outdir (empty windows have none).</summary>
    public required IReadOnlyList<string> SourcePaths { get; init; }

    /// <summary>When the merged file's bars were asked of the vendor: the oldest source's (null: the time of the swap).</summary>
    public DateTimeOffset? FetchedAt { get; init; }
}
