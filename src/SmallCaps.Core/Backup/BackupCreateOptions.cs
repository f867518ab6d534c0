namespace SmallCaps.Core.Backup;

/// <summary>Options of <c>backup create</c>.</summary>
public sealed record BackupCreateOptions
{
    /// <summary>The outdir to back up.</summary>
    public required string Source { get; init; }

    /// <summary>The backup destination (content store and snapshots).</summary>
    public required string Destination { get; init; }

    /// <summary>Optional label appended to the snapshot name: at most 64 letters, digits, '.', '_', '-' (a space becomes '-').</summary>
    public string? Label { get; init; }

    /// <summary>Whether files outside the dataset folders and the ledger (logs, reference, notes) are included.</summary>
    /// <value>The default value is true.</value>
    public bool IncludeOtherFiles { get; init; } = true;

    /// <summary>Clock naming the snapshot.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Counts the files taken, for a progress display.</summary>
    /// <value>The default value is null: nothing counted.</value>
    public Progress.WorkProgress? Progress { get; init; }
}
