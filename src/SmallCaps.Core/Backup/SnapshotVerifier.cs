using System.Globalization;

namespace SmallCaps.Core.Backup;

/// <summary><c>backup verify</c>: re-hashes every object a snapshot needs and checks its hashes file agrees.</summary>
public static class SnapshotVerifier
{
    /// <summary>Checks; problems name the file and the reason.</summary>
    public static BackupCheckResult Verify(string snapshotPath, CancellationToken ct = default)
    {
        var entries = ReadSnapshot(snapshotPath);
        var store = new ObjectStore(BackupLayout.ObjectsRootOf(snapshotPath));
        var problems = new List<BackupProblem>();
        var hashesPath = Path.Combine(snapshotPath, BackupLayout.HashesFile);
        var hashes = File.Exists(hashesPath) ? Inventory.ReadHashes(hashesPath) : null;
        if (hashes is null)
        {
            problems.Add(new BackupProblem(BackupLayout.HashesFile, "missing from the snapshot"));
        }

        foreach (var e in entries)
        {
            ct.ThrowIfCancellationRequested();
            if (hashes is not null && (!hashes.TryGetValue(e.Path, out var listed) || listed != e.Sha256))
            {
                problems.Add(new BackupProblem(e.Path, $"{BackupLayout.HashesFile} and {BackupLayout.InventoryFile} disagree"));
            }

            if (CheckObject(store, e) is { } problem)
            {
                problems.Add(new BackupProblem(e.Path, problem));
            }
        }

        return new BackupCheckResult(snapshotPath, entries.Count, entries.Sum(e => e.Size), problems);
    }

    /// <summary>The inventory of a snapshot folder; throws a one-line error when it is not one.</summary>
    public static IReadOnlyList<InventoryEntry> ReadSnapshot(string snapshotPath)
    {
        var inventory = Path.Combine(snapshotPath, BackupLayout.InventoryFile);
        if (!File.Exists(inventory))
        {
            throw new FileNotFoundException($"--snapshot {snapshotPath} is not a snapshot folder (no {BackupLayout.InventoryFile})", inventory);
        }

        return Inventory.Read(inventory);
    }

    internal static string? CheckObject(ObjectStore store, InventoryEntry e)
    {
        var path = store.PathOf(e.Sha256);
        if (!File.Exists(path))
        {
            return $"object {e.Sha256} is missing from the store";
        }

        var (sha, size) = ObjectStore.HashFile(path, CancellationToken.None);
        if (size != e.Size)
        {
            return string.Create(CultureInfo.InvariantCulture, $"object {e.Sha256} is {size} bytes, expected {e.Size} (truncated or replaced)");
        }

        return sha != e.Sha256 ? $"object {e.Sha256} is corrupt: its content hashes to {sha}" : null;
    }
}
