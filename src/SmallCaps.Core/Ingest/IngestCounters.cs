using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Ingest;

/// <summary>Thread-safe counters the runner bumps and the progress display reads.</summary>
/// <param name="planned">Tasks planned.</param>
/// <param name="clock">Time for the elapsed time.</param>
/// <param name="started">When the run started (its timestamp on <paramref name="clock"/>), so elapsed counts planning too; now when null.</param>
internal sealed class IngestCounters(int planned, TimeProvider clock, long? started = null)
{
    private readonly long _started = started ?? clock.GetTimestamp();
    private int _phase;
    private int _done, _empty, _notFound, _notEntitled, _failed, _finished;
    private long _bars, _bytes;
    private int _mergesPlanned, _mergesFinished, _refetchesPlanned, _refetchesFinished;

    /// <summary>A task reached <paramref name="state"/>; <paramref name="bytes"/> and <paramref name="rows"/> are its committed file's (bars fetched for a task that was not written are not counted).</summary>
    public void Finished(TaskState state, long bytes, long rows = 0)
    {
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Add(ref _bars, rows);
        Interlocked.Increment(ref _finished);
        switch (state)
        {
            case TaskState.Done: Interlocked.Increment(ref _done); break;
            case TaskState.Empty: Interlocked.Increment(ref _empty); break;
            case TaskState.NotFound: Interlocked.Increment(ref _notFound); break;
            case TaskState.NotEntitled: Interlocked.Increment(ref _notEntitled); break;
            case TaskState.Failed: Interlocked.Increment(ref _failed); break;
            default: Interlocked.Decrement(ref _finished); break;
        }
    }

    /// <summary>The run has moved on to <paramref name="phase"/> (the progress line says so).</summary>
    public void Enter(RunPhase phase) => Volatile.Write(ref _phase, (int)phase);

    /// <summary>The merge step after the fetches is about to merge this many partitions.</summary>
    public void MergesPlanned(int partitions) => Volatile.Write(ref _mergesPlanned, partitions);

    /// <summary>One partition merged (or left as it was).</summary>
    public void MergeFinished() => Interlocked.Increment(ref _mergesFinished);

    /// <summary>This many windows (late tails, then those a split made stale) are about to be fetched again; each batch counts from 0.</summary>
    public void RefetchesPlanned(int windows)
    {
        Volatile.Write(ref _refetchesFinished, 0);
        Volatile.Write(ref _refetchesPlanned, windows);
    }

    /// <summary>One of them fetched again (or left as it was).</summary>
    public void RefetchFinished() => Interlocked.Increment(ref _refetchesFinished);

    public IngestSnapshot Snapshot() => new(
        planned,
        Volatile.Read(ref _finished),
        Volatile.Read(ref _done),
        Volatile.Read(ref _empty),
        Volatile.Read(ref _notFound),
        Volatile.Read(ref _notEntitled),
        Volatile.Read(ref _failed),
        Interlocked.Read(ref _bars),
        Interlocked.Read(ref _bytes),
        clock.GetElapsedTime(_started),
        Volatile.Read(ref _mergesPlanned),
        Volatile.Read(ref _mergesFinished))
    {
        RefetchesPlanned = Volatile.Read(ref _refetchesPlanned),
        RefetchesFinished = Volatile.Read(ref _refetchesFinished),
        Phase = (RunPhase)Volatile.Read(ref _phase),
    };
}
