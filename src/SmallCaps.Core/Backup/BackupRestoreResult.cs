namespace SmallCaps.Core.Backup;

/// <summary>What <c>backup restore</c> did.</summary>
/// <param name="SnapshotPath">The snapshot.</param>
/// <param name="Files">Files in the snapshot.</param>
/// <param name="RestoredFiles">Files restored and checked (the snapshot's files less the problems).</param>
/// <param name="RestoredBytes">Their total size.</param>
/// <param name="Problems">Files not restored, or restored but not matching their hash.</param>
public sealed record BackupRestoreResult(string SnapshotPath, int Files, int RestoredFiles, long RestoredBytes, IReadOnlyList<BackupProblem> Problems)
{
    /// <summary>Every file restored and matching.</summary>
    public bool IsClean => Problems.Count == 0;
}
