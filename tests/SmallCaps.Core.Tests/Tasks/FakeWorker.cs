namespace SmallCaps.Core.Tests.Tasks;

/// <summary>Per-worker state of <see cref="FakeTaskFetcher"/>: knows whether a task holds it and whether it was disposed.</summary>
internal sealed class FakeWorker : IDisposable
{
    private int _inUse;

    public bool Disposed { get; private set; }

    public int Tasks { get; private set; }

    /// <summary>Marks the state in use; false when another task already holds it.</summary>
    public bool Enter()
    {
        Tasks++;
        return Interlocked.Exchange(ref _inUse, 1) == 0;
    }

    public void Leave() => Volatile.Write(ref _inUse, 0);

    public void Dispose() => Disposed = true;
}
