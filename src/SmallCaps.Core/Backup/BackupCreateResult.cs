namespace SmallCaps.Core.Backup;

/// <summary>What <c>backup create</c> did.</summary>
/// <param name="SnapshotPath">The new snapshot folder.</param>
/// <param name="PreviousSnapshot">The snapshot it was incremental against, if any.</param>
/// <param name="Files">Files in the snapshot.</param>
/// <param name="Bytes">Their total size.</param>
/// <param name="CopiedFiles">Files whose content was new to the store (copied).</param>
/// <param name="CopiedBytes">Bytes copied into the store.</param>
/// <param name="HashedFiles">Files read to hash (the rest were unchanged since the previous snapshot).</param>
/// <param name="Problems">Files left out, and why.</param>
public sealed record BackupCreateResult(string SnapshotPath, string? PreviousSnapshot, int Files, long Bytes, int CopiedFiles, long CopiedBytes, int HashedFiles, IReadOnlyList<BackupProblem> Problems);
