namespace SmallCaps.Core.Backup;

/// <summary>What <c>backup verify</c> checked.</summary>
/// <param name="SnapshotPath">The snapshot.</param>
/// <param name="Files">Files checked.</param>
/// <param name="Bytes">Their total size.</param>
/// <param name="Problems">Files missing or not matching their hash.</param>
public sealed record BackupCheckResult(string SnapshotPath, int Files, long Bytes, IReadOnlyList<BackupProblem> Problems)
{
    /// <summary>Every file present and matching.</summary>
    public bool IsClean => Problems.Count == 0;
}
