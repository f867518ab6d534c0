using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Backup;

/// <summary>
/// <c>backup prune</c>: keeps the newest snapshots of a destination and removes the others, then every object no kept
/// snapshot names. Snapshots go first (hidden by a rename, then deleted), objects after: an interruption at any point
/// leaves every kept snapshot whole. Holds the destination lock, so no create runs meanwhile.
/// </summary>
public static class SnapshotPruner
{
    /// <summary>Prunes <paramref name="destination"/> down to its newest <paramref name="keep"/> snapshots.</summary>
    public static BackupPruneResult Prune(string destination, int keep, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var root = BackupArguments.Folder(destination, "--dest");
        if (!Directory.Exists(Path.Combine(root, BackupLayout.SnapshotsFolder)))
        {
            throw new DirectoryNotFoundException($"--dest {destination} holds no snapshots folder");
        }

        // One writer per destination: no create is writing objects while this one removes them.
        using var held = OutdirLock.AcquireFile(Path.Combine(root, BackupLayout.LockFile), $"--dest {destination}", TimeProvider.System);
        var order = BackupLayout.Order(root);
        if (order.Conflict is not null)
        {
            // Deleting by a guessed order could remove the snapshot made last.
            throw new InvalidDataException($"--dest {destination}: {order.Conflict}; nothing was removed: delete the snapshot folder you no longer need and prune again");
        }

        var snapshots = order.OldestFirst;
        var kept = snapshots.Skip(Math.Max(0, snapshots.Count - keep)).ToList();
        var removed = new List<string>();

        // Under the lock no create is writing: hidden folders are what an interrupted create or prune left.
        var leftovers = Directory.EnumerateDirectories(Path.Combine(root, BackupLayout.SnapshotsFolder))
            .Where(d => Path.GetFileName(d).StartsWith(BackupLayout.TempPrefix, StringComparison.Ordinal));
        foreach (var folder in snapshots.Except(kept).Concat(leftovers).ToList())
        {
            ct.ThrowIfCancellationRequested();
            var hidden = Path.GetFileName(folder).StartsWith(BackupLayout.TempPrefix, StringComparison.Ordinal)
                ? folder
                : Path.Combine(Path.GetDirectoryName(folder)!, $"{BackupLayout.TempPrefix}{Guid.NewGuid():N}");
            if (hidden != folder)
            {
                Directory.Move(folder, hidden);
                removed.Add(folder);
            }

            Directory.Delete(hidden, recursive: true);
        }

        // Only what a kept snapshot names survives (a kept snapshot's inventory is read before any object goes).
        var named = kept.SelectMany(s => Inventory.Read(Path.Combine(s, BackupLayout.InventoryFile)).Select(e => e.Sha256)).ToHashSet(StringComparer.Ordinal);
        var objectsRoot = Path.Combine(root, BackupLayout.ObjectsFolder);
        int objects = 0;
        long bytes = 0;
        if (Directory.Exists(objectsRoot))
        {
            foreach (var file in Directory.EnumerateFiles(objectsRoot, "*", SearchOption.AllDirectories).ToList())
            {
                ct.ThrowIfCancellationRequested();
                if (named.Contains(Path.GetFileName(file)))
                {
                    continue;
                }

                var size = new FileInfo(file).Length;
                File.Delete(file);
                objects++;
                bytes += size;
            }
        }

        return new BackupPruneResult(kept, removed, objects, bytes);
    }
}
