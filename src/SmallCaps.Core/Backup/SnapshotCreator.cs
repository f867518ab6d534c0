using System.Globalization;
using System.Text;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Verify;

namespace SmallCaps.Core.Backup;

/// <summary>
/// <c>backup create</c>: a consistent snapshot of an outdir, even while an ingest runs. The ledger
/// is copied first with SQLite's backup API; only the files that copy marks done are taken from
/// the dataset folders (never temp files or files committed later), plus other files by policy.
/// Incremental: a file unchanged since the previous snapshot (same path, size, mtime) is not read,
/// and content already in the store is not copied again.
/// </summary>
public static class SnapshotCreator
{
    // Passes taken at most when files the ledger listed vanish meanwhile (an ingest merging them).
    private const int MaxPasses = 3;

    private const string MissingDone = "the ledger marks it done but it is missing from --source (run smallcaps verify)";

    /// <summary>Path of the ledger inside a snapshot (and a restored outdir).</summary>
    public static string LedgerPath => $"{LedgerView.FolderName}/ledger.db";

    /// <summary>Creates a snapshot; problems (files left out) are in the result.</summary>
    public static BackupCreateResult Create(BackupCreateOptions options, CancellationToken ct = default) => Create(options, null, ct);

    /// <summary>Creates a snapshot; <paramref name="afterLedgerCopy"/> runs once a pass has copied the ledger (tests race an ingest there).</summary>
    internal static BackupCreateResult Create(BackupCreateOptions options, Action? afterLedgerCopy, CancellationToken ct)
    {
        // Every option is checked before anything is written.
        var source = BackupArguments.Folder(options.Source, "--source");
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"--source {options.Source} does not exist");
        }

        var destination = BackupArguments.Folder(options.Destination, "--dest");
        var label = BackupArguments.Label(options.Label);
        if (Lake.LakeLayout.IsInside(destination, source))
        {
            throw new ArgumentException($"--dest {options.Destination} is inside --source {options.Source}");
        }

        LedgerView.EnsureKnownVersion(source);

        // One writer per destination: a prune must not remove objects this snapshot is about to name.
        Directory.CreateDirectory(destination);
        using var held = OutdirLock.AcquireFile(Path.Combine(destination, BackupLayout.LockFile), $"--dest {options.Destination}", options.Clock);
        var store = new ObjectStore(Path.Combine(destination, BackupLayout.ObjectsFolder));
        Directory.CreateDirectory(store.Root);
        var order = BackupLayout.Order(destination);
        var previousPath = order.OldestFirst.Count > 0 ? order.OldestFirst[^1] : null;
        var previous = previousPath is null
            ? new Dictionary<string, InventoryEntry>(StringComparer.Ordinal)
            : Inventory.Read(Path.Combine(previousPath, BackupLayout.InventoryFile)).ToDictionary(e => e.Path, StringComparer.Ordinal);

        // A run that merges files deletes the old ones once its ledger no longer lists them: when a file the ledger copy
        // lists has gone, that copy is already out of date, so the pass is taken again. The same files gone again mean
        // no merge: they are missing, and said so once. Files hashed by an earlier pass are not read again.
        Pass pass;
        int copied = 0, hashed = 0;
        long copiedBytes = 0;
        var taken = new Dictionary<string, InventoryEntry>(StringComparer.Ordinal);
        var vanishedBefore = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            var step = attempt == 1 ? "backed up" : string.Create(CultureInfo.InvariantCulture, $"pass {attempt}: backed up");
            pass = TakePass(source, store, previous, taken, options.IncludeOtherFiles, new PassProgress(options.Progress, step), afterLedgerCopy, ct);
            (copied, copiedBytes, hashed) = (copied + pass.Copied, copiedBytes + pass.CopiedBytes, hashed + pass.Hashed);
            if (pass.VanishedDone.Count == 0 || pass.VanishedDone.SetEquals(vanishedBefore) || attempt == MaxPasses)
            {
                break;
            }

            vanishedBefore = pass.VanishedDone;
        }

        options.Progress?.Enter("writing the snapshot");
        var (entries, problems) = (pass.Entries, pass.Problems);
        // Past every sequence, not the base's: the base may be an older build's snapshot, which records none.
        var sequence = order.HighestSequence + 1;
        var path = WriteSnapshot(destination, SnapshotName(options.Clock.GetUtcNow(), label), source, previousPath, sequence, entries);
        return new BackupCreateResult(path, previousPath, entries.Count, entries.Sum(e => e.Size), copied, copiedBytes, hashed, problems);
    }

    // Steps 1 and 2 of a snapshot: the ledger as committed now, then the files it marks done (and others by policy).
    private static Pass TakePass(
        string source, ObjectStore store, Dictionary<string, InventoryEntry> previous, Dictionary<string, InventoryEntry> taken, bool includeOthers, PassProgress progress, Action? afterLedgerCopy, CancellationToken ct)
    {
        var problems = new List<BackupProblem>();
        var entries = new List<InventoryEntry>();
        var vanished = new HashSet<string>(StringComparer.Ordinal);
        int copied = 0, hashed = 0;
        long copiedBytes = 0;

        // 1. The ledger, as committed right now.
        var done = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        var ledgerDb = LedgerView.DatabasePath(source);
        progress.Counter?.Enter("copying the ledger");
        if (File.Exists(ledgerDb))
        {
            var ledgerCopy = Path.Combine(store.Root, $"{BackupLayout.TempPrefix}ledger-{Guid.NewGuid():N}.db");
            try
            {
                LedgerView.BackupTo(ledgerDb, ledgerCopy);
                foreach (var e in LedgerView.ReadTasks(ledgerCopy).Where(e => e.IsDone && e.FilePath is not null))
                {
                    done[e.FilePath!] = e;
                }

                var (sha, size, isNew) = store.Put(ledgerCopy, ct);
                hashed++;
                copied += isNew ? 1 : 0;
                copiedBytes += isNew ? size : 0;
                entries.Add(new InventoryEntry(LedgerPath, size, File.GetLastWriteTimeUtc(ledgerDb), sha));
            }
            finally
            {
                ObjectStore.TryDelete(ledgerCopy);
            }
        }
        else
        {
            problems.Add(new BackupProblem(LedgerPath, "no ledger: dataset files are taken only when the ledger says they are done, so none were"));
        }

        afterLedgerCopy?.Invoke();

        // 2. Committed lake files, then other files by policy.
        var candidates = Candidates(source, done, includeOthers).ToList();
        progress.Counter?.Enter(progress.Step, candidates.Count, candidates.Sum(c => c.Entry?.Bytes ?? SizeOnDisk(source, c.Relative)));
        foreach (var (relative, ledgerEntry) in candidates)
        {
            ct.ThrowIfCancellationRequested();
            var full = LakeLayoutView.Full(source, relative);
            var info = new FileInfo(full);
            var expected = ledgerEntry?.Bytes ?? (info.Exists ? info.Length : 0);
            if (!info.Exists)
            {
                if (ledgerEntry is not null)
                {
                    vanished.Add(relative);
                    problems.Add(new BackupProblem(relative, MissingDone));
                }

                progress.Counter?.FileDone(expected);
                continue;
            }

            if (relative.Contains('\t', StringComparison.Ordinal) || relative.Contains('\n', StringComparison.Ordinal))
            {
                problems.Add(new BackupProblem(relative.ReplaceLineEndings(" "), "file name holds a tab or newline"));
                progress.Counter?.FileDone(expected);
                continue;
            }

            if (ledgerEntry is not null && info.Length != ledgerEntry.Bytes)
            {
                problems.Add(new BackupProblem(relative, string.Create(CultureInfo.InvariantCulture, $"{info.Length} bytes on disk, the ledger recorded {ledgerEntry.Bytes} (run smallcaps verify)")));
                progress.Counter?.FileDone(expected);
                continue;
            }

            var mtime = info.LastWriteTimeUtc;
            if (previous.TryGetValue(relative, out var before) && before.Size == info.Length && before.ModifiedUtc == mtime
                && (ledgerEntry?.Sha256 is null || ledgerEntry.Sha256 == before.Sha256) && store.Has(before.Sha256, before.Size))
            {
                entries.Add(before);
                progress.Counter?.FileUnchanged(expected);
                continue;
            }

            string sha;
            long size;
            var isNew = false;
            if (taken.TryGetValue(relative, out var earlier) && earlier.Size == info.Length && earlier.ModifiedUtc == mtime && store.Has(earlier.Sha256, earlier.Size))
            {
                // Hashed by an earlier pass of this create and unchanged since.
                (sha, size) = (earlier.Sha256, earlier.Size);
            }
            else
            {
                try
                {
                    (sha, size, isNew) = store.PutIfNew(full, ledgerEntry?.Sha256 ?? before?.Sha256, info.Length, ct);
                }
                catch (FileNotFoundException)
                {
                    if (ledgerEntry is not null)
                    {
                        vanished.Add(relative);
                        problems.Add(new BackupProblem(relative, MissingDone));
                    }

                    progress.Counter?.FileDone(expected);
                    continue;
                }

                hashed++;
                taken[relative] = new InventoryEntry(relative, size, mtime, sha);
            }

            if (ledgerEntry?.Sha256 is { } recorded && recorded != sha)
            {
                problems.Add(new BackupProblem(relative, $"sha256 {sha} differs from the ledger's {recorded} (run smallcaps verify)"));
                progress.Counter?.FileDone(expected);
                continue;
            }

            copied += isNew ? 1 : 0;
            copiedBytes += isNew ? size : 0;
            entries.Add(new InventoryEntry(relative, size, mtime, sha));
            if (isNew)
            {
                progress.Counter?.FileCopied(expected);
            }
            else
            {
                progress.Counter?.FileDone(expected);
            }
        }

        return new Pass(entries, problems, copied, copiedBytes, hashed, vanished);
    }

    private static IEnumerable<(string Relative, LedgerEntry? Entry)> Candidates(string source, Dictionary<string, LedgerEntry> done, bool includeOthers)
    {
        foreach (var (path, entry) in done.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            yield return (path, entry);
        }

        if (!includeOthers)
        {
            yield break;
        }

        foreach (var full in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = LakeLayoutView.Relative(source, full);
            var top = relative.Split('/')[0];

            // Ledger-tracked files outside the bar/tick folders (the reference lake) were taken above: once is enough.
            if (top == LedgerView.FolderName || done.ContainsKey(relative) || LakeLayoutView.DatasetOf(relative) is not null || LakeLayoutView.IsTempName(Path.GetFileName(full)))
            {
                continue;
            }

            yield return (relative, null);
        }
    }

    private static string WriteSnapshot(string destination, (string Name, DateTimeOffset Created) snapshot, string source, string? previousPath, long sequence, List<InventoryEntry> entries)
    {
        var root = Path.Combine(destination, BackupLayout.SnapshotsFolder);
        Directory.CreateDirectory(root);
        var name = snapshot.Name;
        var final = Path.Combine(root, name);
        for (var n = 2; Directory.Exists(final); n++)
        {
            final = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"{name}-{n}"));
        }

        var temp = Path.Combine(root, $"{BackupLayout.TempPrefix}{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var ordered = entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
            Inventory.Write(Path.Combine(temp, BackupLayout.InventoryFile), ordered);
            Inventory.WriteHashes(Path.Combine(temp, BackupLayout.HashesFile), ordered);
            SnapshotSequence.Write(temp, sequence, snapshot.Created);
            File.WriteAllText(Path.Combine(temp, BackupLayout.ReadmeFile), SnapshotReadme.Render(Path.GetFileName(final), source, previousPath, ordered), new UTF8Encoding(false));
            Directory.Move(temp, final);
            return final;
        }
        catch
        {
            // An unfinished snapshot is not left for the next prune to find.
            TryDeleteFolder(temp);
            throw;
        }
    }

    private static void TryDeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    // The label is already checked (BackupArguments.Label): letters, digits, '.', '_', '-'.
    private static (string Name, DateTimeOffset Created) SnapshotName(DateTimeOffset now, string? label)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return (label is null ? stamp : $"{stamp}-{label}", now);
    }

    // A file an earlier look found and that is gone now counts as empty.
    private static long SizeOnDisk(string source, string relative)
    {
        var info = new FileInfo(LakeLayoutView.Full(source, relative));
        return info.Exists ? info.Length : 0;
    }

    // Where a pass counts its files, and the name of its step.
    private sealed record PassProgress(Progress.WorkProgress? Counter, string Step);

    private sealed record Pass(List<InventoryEntry> Entries, List<BackupProblem> Problems, int Copied, long CopiedBytes, int Hashed, HashSet<string> VanishedDone);
}
