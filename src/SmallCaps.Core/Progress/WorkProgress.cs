namespace SmallCaps.Core.Progress;

/// <summary>
/// Thread-safe counters a long file-by-file job (verify, backup) bumps and the progress display reads: the step under
/// way, files and bytes done of the step's total, and for a backup the files left as they were and the bytes copied.
/// </summary>
/// <param name="clock">Time for the elapsed time, counted from construction.</param>
public sealed class WorkProgress(TimeProvider clock)
{
    private readonly long _started = clock.GetTimestamp();
    private readonly Lock _gate = new();
    private string _step = "starting";
    private bool _counted;
    private long _stepStarted;
    private long _files, _filesTotal, _bytes, _bytesTotal, _unchanged, _copied, _copiedBytes;

    /// <summary>A step without a count yet (reading the ledger, writing the snapshot).</summary>
    public void Enter(string step)
    {
        lock (_gate)
        {
            (_step, _counted) = (step, false);
        }
    }

    /// <summary>A step over <paramref name="files"/> files of <paramref name="bytes"/> bytes: the counts start again from zero.</summary>
    public void Enter(string step, long files, long bytes)
    {
        lock (_gate)
        {
            (_step, _counted, _filesTotal, _bytesTotal, _stepStarted) = (step, true, files, bytes, clock.GetTimestamp());
            (_files, _bytes, _unchanged, _copied, _copiedBytes) = (0, 0, 0, 0, 0);
        }
    }

    /// <summary>One file of the step is done (checked, hashed, restored).</summary>
    public void FileDone(long bytes)
    {
        Interlocked.Increment(ref _files);
        Interlocked.Add(ref _bytes, bytes);
    }

    /// <summary>One file done without reading it: unchanged since the previous snapshot.</summary>
    public void FileUnchanged(long bytes)
    {
        Interlocked.Increment(ref _unchanged);
        FileDone(bytes);
    }

    /// <summary>One file done whose content was new to the store and copied into it.</summary>
    public void FileCopied(long bytes)
    {
        Interlocked.Increment(ref _copied);
        Interlocked.Add(ref _copiedBytes, bytes);
        FileDone(bytes);
    }

    /// <summary>The counts now.</summary>
    public WorkSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new WorkSnapshot(
                _step,
                _counted,
                Interlocked.Read(ref _files),
                _filesTotal,
                Interlocked.Read(ref _bytes),
                _bytesTotal,
                Interlocked.Read(ref _unchanged),
                Interlocked.Read(ref _copied),
                Interlocked.Read(ref _copiedBytes),
                clock.GetElapsedTime(_started),
                _counted ? clock.GetElapsedTime(_stepStarted) : TimeSpan.Zero);
        }
    }
}
