using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Backup;

/// <summary>
/// One writer per backup destination: <c>create</c> and <c>prune</c> hold <c>&lt;dest&gt;/.lock</c> open exclusively, so a
/// prune never deletes objects a snapshot being written is about to name. The OS drops the lock with the process.
/// </summary>
internal sealed class DestinationLock : IDisposable
{
    private const string FileName = ".lock";
    private readonly FileStream _file;

    private DestinationLock(FileStream file) => _file = file;

    /// <summary>Takes the lock; throws <see cref="OutdirLockedException"/> (exit 4) when another create or prune has it.</summary>
    public static DestinationLock Acquire(string destination)
    {
        Directory.CreateDirectory(destination);
        var path = Path.Combine(destination, FileName);
        try
        {
            return new DestinationLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex) when (!Lake.DiskFull.Is(ex))
        {
            throw new OutdirLockedException($"--dest {destination} is in use by another 'backup create' or 'backup prune'; try again when it ends", ex);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _file.Dispose();
}
