namespace SmallCaps.Core.Backup;

/// <summary>
/// <c>backup restore</c>: copies every file of a snapshot into an empty folder (temp name, flush,
/// rename; mtime restored), hashing on the way, then re-reads each restored file to check it.
/// </summary>
public static class SnapshotRestorer
{
    /// <summary>Restores; throws <see cref="IOException"/> when the target is not empty.</summary>
    public static BackupRestoreResult Restore(string snapshotPath, string target, CancellationToken ct = default) => Restore(snapshotPath, target, null, ct);

    /// <summary>Restores, counting the files restored, then those checked, in <paramref name="progress"/>.</summary>
    public static BackupRestoreResult Restore(string snapshotPath, string target, Progress.WorkProgress? progress, CancellationToken ct)
    {
        var root = BackupArguments.Folder(target, "--to");
        var entries = SnapshotVerifier.ReadSnapshot(snapshotPath);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new IOException($"--to {target} is not empty; restore into a new or empty folder");
        }

        Directory.CreateDirectory(root);

        // "--to restore/" (as tab completion writes it) keeps its separator: add one only where none ends the root.
        var inside = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var store = new ObjectStore(BackupLayout.ObjectsRootOf(snapshotPath));
        var problems = new List<BackupProblem>();
        progress?.Enter("restored", entries.Count, entries.Sum(e => e.Size));
        foreach (var e in entries)
        {
            ct.ThrowIfCancellationRequested();
            var destination = Path.GetFullPath(Path.Combine(root, e.Path.Replace('/', Path.DirectorySeparatorChar)));
            if (!destination.StartsWith(inside, StringComparison.Ordinal))
            {
                problems.Add(new BackupProblem(e.Path, "path leaves the restore folder; skipped"));
                progress?.FileDone(e.Size);
                continue;
            }

            var source = store.PathOf(e.Sha256);
            if (!File.Exists(source))
            {
                problems.Add(new BackupProblem(e.Path, $"object {e.Sha256} is missing from the store"));
                progress?.FileDone(e.Size);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            var temp = Path.Combine(Path.GetDirectoryName(destination)!, $"{BackupLayout.TempPrefix}{Guid.NewGuid():N}");
            string sha;
            using (var input = ObjectStore.OpenRead(source))
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                (sha, _) = ObjectStore.CopyHashing(input, output, ct);
                output.Flush(flushToDisk: true);
            }

            if (sha != e.Sha256)
            {
                ObjectStore.TryDelete(temp);
                problems.Add(new BackupProblem(e.Path, $"object {e.Sha256} is corrupt (content hashes to {sha}); not restored"));
                progress?.FileDone(e.Size);
                continue;
            }

            File.Move(temp, destination);
            File.SetLastWriteTimeUtc(destination, e.ModifiedUtc);
            progress?.FileDone(e.Size);
        }

        // The check: what landed on disk, read back.
        var failed = problems.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var toCheck = entries.Where(e => !failed.Contains(e.Path)).ToList();
        progress?.Enter("checked", toCheck.Count, toCheck.Sum(e => e.Size));
        foreach (var e in toCheck)
        {
            var path = Path.Combine(root, e.Path.Replace('/', Path.DirectorySeparatorChar));
            var (sha, size) = ObjectStore.HashFile(path, ct);
            if (sha != e.Sha256 || size != e.Size)
            {
                problems.Add(new BackupProblem(e.Path, $"restored file hashes to {sha}, expected {e.Sha256}"));
            }

            progress?.FileDone(e.Size);
        }

        // What the summary counts is what landed and checked, not the whole snapshot.
        failed = problems.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var restored = entries.Where(e => !failed.Contains(e.Path)).ToList();
        return new BackupRestoreResult(snapshotPath, entries.Count, restored.Count, restored.Sum(e => e.Size), problems);
    }
}
