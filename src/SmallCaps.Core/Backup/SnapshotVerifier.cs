using System.Globalization;

namespace SmallCaps.Core.Backup;

/// <summary>
/// <c>backup verify</c>: re-hashes every object a snapshot needs and checks its hashes file agrees. An object whose content
/// does not match its name is moved aside (<see cref="ObjectQuarantine"/>), so the next <c>backup create</c> copies it again.
/// </summary>
public static class SnapshotVerifier
{
    /// <summary>Checks; problems name the file and the reason (and what became of a bad object).</summary>
    public static BackupCheckResult Verify(string snapshotPath, CancellationToken ct = default) => Verify(snapshotPath, null, ct);

    /// <summary>Checks, counting the files re-hashed in <paramref name="progress"/>.</summary>
    public static BackupCheckResult Verify(string snapshotPath, Progress.WorkProgress? progress, CancellationToken ct)
    {
        var entries = ReadSnapshot(snapshotPath);
        progress?.Enter("re-hashed", entries.Count, entries.Sum(e => e.Size));
        var store = new ObjectStore(BackupLayout.ObjectsRootOf(snapshotPath));
        var found = new List<(InventoryEntry Entry, string Reason, bool ObjectProblem)>();
        var hashesPath = Path.Combine(snapshotPath, BackupLayout.HashesFile);
        var hashes = File.Exists(hashesPath) ? Inventory.ReadHashes(hashesPath) : null;

        // Files with the same content share one object: it is read once.
        var objects = new Dictionary<string, string?>(StringComparer.Ordinal);
        var bad = new List<InventoryEntry>();
        foreach (var e in entries)
        {
            ct.ThrowIfCancellationRequested();
            if (hashes is not null && (!hashes.TryGetValue(e.Path, out var listed) || listed != e.Sha256))
            {
                found.Add((e, $"{BackupLayout.HashesFile} and {BackupLayout.InventoryFile} disagree", false));
            }

            if (!objects.TryGetValue(e.Sha256, out var problem))
            {
                problem = CheckObject(store, e);
                objects.Add(e.Sha256, problem);
                if (problem is not null && File.Exists(store.PathOf(e.Sha256)))
                {
                    bad.Add(e);
                }
            }

            if (problem is not null)
            {
                found.Add((e, problem, true));
            }

            progress?.FileDone(e.Size);
        }

        var notes = ObjectQuarantine.MoveAside(store, bad, ct);
        var problems = new List<BackupProblem>();
        if (hashes is null)
        {
            problems.Add(new BackupProblem(BackupLayout.HashesFile, "missing from the snapshot"));
        }

        foreach (var (e, reason, objectProblem) in found)
        {
            var note = !objectProblem ? null
                : notes.TryGetValue(e.Sha256, out var moved) ? moved
                : "the next backup create copies it again if --source still has it";
            problems.Add(new BackupProblem(e.Path, note is null ? reason : $"{reason}; {note}"));
        }

        return new BackupCheckResult(snapshotPath, entries.Count, entries.Sum(e => e.Size), problems);
    }

    /// <summary>The inventory of a snapshot folder; throws a one-line error when it is not one.</summary>
    public static IReadOnlyList<InventoryEntry> ReadSnapshot(string snapshotPath)
    {
        if (string.IsNullOrWhiteSpace(snapshotPath))
        {
            throw new ArgumentException("--snapshot is empty; give a snapshot folder (<dest>/snapshots/<name>)");
        }

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
