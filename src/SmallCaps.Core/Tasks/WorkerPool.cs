using System.Collections.Concurrent;

namespace SmallCaps.Core.Tasks;

/// <summary>
/// Per-worker state rented around each task and returned after it: buffers are large (LOH) and the same
/// for every task, so at most one set per worker is ever built. Disposes what it holds at the end of the run.
/// </summary>
/// <typeparam name="TWorker">The state one worker uses.</typeparam>
internal sealed class WorkerPool<TWorker>(Func<TWorker> create) : IDisposable
    where TWorker : class
{
    private readonly ConcurrentBag<TWorker> _idle = [];

    /// <summary>State no other task is using, built when none is idle.</summary>
    public TWorker Rent() => _idle.TryTake(out var worker) ? worker : create();

    /// <summary>Makes the state available to the next task.</summary>
    public void Return(TWorker worker) => _idle.Add(worker);

    /// <inheritdoc/>
    public void Dispose()
    {
        while (_idle.TryTake(out var worker))
        {
            (worker as IDisposable)?.Dispose();
        }
    }
}
