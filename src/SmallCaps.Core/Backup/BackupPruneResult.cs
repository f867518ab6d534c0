namespace SmallCaps.Core.Backup;

/// <summary>What <c>backup prune</c> removed and kept.</summary>
/// <param name="Kept">Snapshots kept (the newest).</param>
/// <param name="RemovedSnapshots">Snapshots removed (the oldest), plus unfinished ones an interrupted create left.</param>
/// <param name="RemovedObjects">Objects no kept snapshot names, removed from the store.</param>
/// <param name="FreedBytes">Bytes of those objects.</param>
public sealed record BackupPruneResult(IReadOnlyList<string> Kept, IReadOnlyList<string> RemovedSnapshots, int RemovedObjects, long FreedBytes);
