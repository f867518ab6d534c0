using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Backup;

/// <summary>
/// Moves objects whose content no longer matches their name aside, to <c>&lt;sha256&gt;.corrupt</c> next to them: the next
/// <c>backup create</c> then finds them missing and copies the content again from the source, which repairs every snapshot
/// naming them. The bytes are kept for inspection; <c>backup prune</c> removes them, as no snapshot names them.
/// </summary>
internal static class ObjectQuarantine
{
    /// <summary>Moves the bad objects aside under the destination lock; returns, per digest, what became of it.</summary>
    public static IReadOnlyDictionary<string, string> MoveAside(ObjectStore store, IReadOnlyCollection<InventoryEntry> bad, CancellationToken ct)
    {
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (bad.Count == 0)
        {
            return notes;
        }

        // The lock keeps a create (which may be re-copying this very object) and a prune away while objects move.
        var destination = Path.GetDirectoryName(store.Root)!;
        OutdirLock held;
        try
        {
            held = OutdirLock.AcquireFile(Path.Combine(destination, BackupLayout.LockFile), $"--dest {destination}", TimeProvider.System);
        }
        catch (OutdirLockedException ex)
        {
            foreach (var e in bad)
            {
                notes[e.Sha256] = $"not moved aside ({ex.Message}); run backup verify again when it is free";
            }

            return notes;
        }

        using (held)
        {
            foreach (var e in bad)
            {
                ct.ThrowIfCancellationRequested();

                // Only content that does not match its own name goes (an inventory listing a wrong size leaves a good
                // object alone), checked again under the lock: a create may have replaced it meanwhile.
                var path = store.PathOf(e.Sha256);
                if (!File.Exists(path))
                {
                    continue;
                }

                if (ObjectStore.HashFile(path, ct).Sha256 == e.Sha256)
                {
                    notes[e.Sha256] = "not moved aside: its content matches its name";
                    continue;
                }

                var aside = path + BackupLayout.QuarantineSuffix;
                try
                {
                    File.Move(path, aside, overwrite: true);
                    var shown = Path.Combine(BackupLayout.ObjectsFolder, e.Sha256[..2], Path.GetFileName(aside));
                    notes[e.Sha256] = $"moved aside to {shown}; the next backup create copies it again if --source still has it";
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    notes[e.Sha256] = $"could not move it aside ({ex.Message})";
                }
            }
        }

        return notes;
    }
}
