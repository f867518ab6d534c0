using System.Globalization;

namespace SmallCaps.Core.Ledger;

/// <summary>
/// One run per outdir. <c>_ledger/run.lock</c> is held open with <see cref="FileShare.None"/>
/// (an OS lock: Windows share modes, flock on Unix), so it vanishes with the process, even on a
/// kill: a lock file left by a dead run is simply taken over. Who holds it is written to
/// <c>_ledger/run.lock.info</c> (pid, host, start) because the locked file cannot be read.
/// </summary>
public sealed class OutdirLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _infoPath;

    private OutdirLock(FileStream stream, string infoPath, string? previousHolder)
    {
        _stream = stream;
        _infoPath = infoPath;
        PreviousHolder = previousHolder;
    }

    /// <summary>The holder named by a lock left behind by a run that died (stale lock taken over), or null.</summary>
    public string? PreviousHolder { get; }

    /// <summary>Takes the lock or throws <see cref="OutdirLockedException"/> naming the holder.</summary>
    public static OutdirLock Acquire(string outdir, TimeProvider clock)
    {
        var folder = Path.Combine(outdir, SqliteLedger.FolderName);
        Directory.CreateDirectory(folder);
        return AcquireFile(Path.Combine(folder, "run.lock"), outdir, clock);
    }

    /// <summary>
    /// The same lock on any file (a backup destination's <c>.lock</c>); <paramref name="what"/> names the locked thing in
    /// the error. The file's folder must exist.
    /// </summary>
    public static OutdirLock AcquireFile(string lockPath, string what, TimeProvider clock)
    {
        var infoPath = lockPath + ".info";
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (!Lake.DiskFull.Is(ex))
        {
            throw new OutdirLockedException($"another run holds {what}: {ReadInfo(infoPath) ?? "holder unknown"}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new OutdirLockedException($"cannot lock {what}: {ex.Message}", ex);
        }

        var previous = ReadInfo(infoPath);
        var holder = string.Create(
            CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on host {Environment.MachineName}, started {clock.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss'Z'}");
        File.WriteAllText(infoPath, holder);
        return new OutdirLock(stream, infoPath, previous);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // A clean release removes the holder note, so a note found later means a run died.
        try
        {
            File.Delete(_infoPath);
        }
        catch (IOException)
        {
        }

        _stream.Dispose();
    }

    private static string? ReadInfo(string infoPath)
    {
        try
        {
            return File.Exists(infoPath) ? Input.SharedRead.AllText(infoPath).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
