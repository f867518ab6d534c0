using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Tasks;

/// <summary>
/// Runs planned tasks of one dataset with at most <c>maxWorkers</c> in flight. Each task ends as exactly one
/// ledger state: done (its file published first), empty, not-found, not-entitled, failed (reason kept) or,
/// when the run is interrupted or stopped, pending again; an outage past its budget stops the run and records the tasks
/// it was fetching as failed with that reason. A rejected key or a full disk stops the whole run; what a
/// 403 means is the dataset's call (<see cref="ITaskFetcher{TTask, TWorker}.NotEntitled"/>). A task failed by a
/// transient error gets one more attempt after all the others.
/// </summary>
/// <typeparam name="TTask">One planned unit of work.</typeparam>
/// <typeparam name="TWorker">State a worker reuses from task to task.</typeparam>
/// <param name="fetcher">The dataset's part of a task.</param>
/// <param name="ledger">Where each task's state is kept.</param>
/// <param name="maxWorkers">Tasks in flight at most.</param>
/// <param name="clock">Time for the counters.</param>
/// <param name="started">When the run started (a timestamp on <paramref name="clock"/>), so its elapsed time counts planning; now when null.</param>
internal sealed class TaskRunner<TTask, TWorker>(ITaskFetcher<TTask, TWorker> fetcher, SqliteLedger ledger, int maxWorkers, TimeProvider clock, long? started = null)
    where TWorker : class
{
    private readonly Lock _gate = new();
    private string? _fatal;
    private int _fatalExitCode = ExitCodes.KeyRejected;
    private string? _firstFailure;

    // Set when an outage stopped the run: the tasks it cancelled are recorded failed with this reason, not left pending.
    private string? _outage;

    // Tasks that failed on a transient error (outage, reset, 5xx past its retries) in the main pass: asked once more at the end.
    private readonly System.Collections.Concurrent.ConcurrentQueue<(TTask Task, string Reason)> _again = new();

    /// <summary>Counters of the current run (null before <see cref="RunAsync"/>).</summary>
    public IngestCounters? Counters { get; private set; }

    /// <summary>Runs the plan to the end, or until cancelled or stopped by a fatal error.</summary>
    public async Task<IngestOutcome> RunAsync(IReadOnlyList<TTask> plan, CancellationToken cancellationToken)
    {
        var counters = new IngestCounters(plan.Count, clock, started);
        Counters = counters;
        using var workers = new WorkerPool<TWorker>(fetcher.CreateWorker);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxWorkers), CancellationToken = stop.Token };
        var interrupted = false;
        try
        {
            await RunPassAsync(plan, lastChance: false);

            // A short outage should not leave failures behind: by now the API has had the whole run to come back.
            if (!_again.IsEmpty && _fatal is null && !stop.IsCancellationRequested)
            {
                var again = _again.ToArray();
                _again.Clear();
                await RunPassAsync([.. again.Select(a => a.Task)], lastChance: true);
            }
        }
        catch (OperationCanceledException)
        {
            interrupted = cancellationToken.IsCancellationRequested;
        }

        // Stopped before the last attempt: those tasks stay failed in the ledger, so they count as failed here too.
        foreach (var (task, reason) in _again)
        {
            _firstFailure ??= $"{fetcher.Describe(task)}: {reason}";
            counters.Finished(TaskState.Failed, 0);
        }

        return new IngestOutcome(counters.Snapshot(), interrupted && _fatal is null, _fatal, _firstFailure) { FatalExitCode = _fatalExitCode };

        Task RunPassAsync(IReadOnlyList<TTask> tasks, bool lastChance) => Parallel.ForEachAsync(tasks, parallel, async (task, ct) =>
        {
            try
            {
                var state = await RunTaskAsync(task, workers, counters, stop, lastChance, ct);
                if (state is { } s)
                {
                    counters.Finished(s.State, s.Bytes, s.Rows);
                }
            }
            catch (Exception ex) when (DiskFull.Is(ex))
            {
                // The ledger itself could not be written: stop; the next run sets a task left running back to pending.
                await StopAsync(DiskFull.Reason(ledger.Outdir), stop, ExitCodes.SomeFailed);
            }
        });
    }

    private async Task<(TaskState State, long Bytes, long Rows)?> RunTaskAsync(TTask task, WorkerPool<TWorker> workers, IngestCounters counters, CancellationTokenSource stop, bool lastChance, CancellationToken ct)
    {
        // The run-wide stop flips at once; the loop's linked token may learn of it a moment later.
        if (stop.IsCancellationRequested)
        {
            return null;
        }

        long id;
        using (var tx = ledger.Begin())
        {
            id = fetcher.Enroll(tx, task);
            if (fetcher.KnownNotEntitled(task) is { } known)
            {
                tx.SetState(id, TaskState.NotEntitled, known);
                tx.Commit();
                return (TaskState.NotEntitled, 0, 0);
            }

            tx.MarkRunning(id);
            tx.Commit();
        }

        var worker = workers.Rent();
        try
        {
            if (await fetcher.FetchAsync(task, worker, counters, ct) is not { } committed)
            {
                Settle(id, TaskState.Empty, null);
                return (TaskState.Empty, 0, 0);
            }

            using (var tx = ledger.Begin())
            {
                tx.MarkDone(id, committed);
                tx.Commit();
            }

            return (TaskState.Done, committed.Bytes, committed.Rows);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            if (Volatile.Read(ref _outage) is { } outage)
            {
                return FailedByOutage(task, id, outage);
            }

            Settle(id, TaskState.Pending, null);
            return null;
        }
        catch (MassiveApiException ex) when (ex.Kind == MassiveErrorKind.Unavailable)
        {
            // Before the stop, so the tasks it cancels know why.
            Interlocked.CompareExchange(ref _outage, ex.Message, null);
            await StopAsync(ex.Message, stop, ExitCodes.ForRunFatal(ex));
            return FailedByOutage(task, id, ex.Message);
        }
        catch (MassiveApiException ex) when (ex.IsRunFatal)
        {
            await StopAsync(ex.Message, stop, ExitCodes.ForRunFatal(ex));
            Settle(id, TaskState.Pending, null);
            return null;
        }
        catch (MassiveApiException ex) when (ex.Kind == MassiveErrorKind.NotEntitled)
        {
            var verdict = fetcher.NotEntitled(task, ex);
            if (verdict.StopsRun)
            {
                await StopAsync(verdict.Reason, stop, ExitCodes.KeyRejected);
            }

            // Counted either way: the summary must match the ledger, which holds it as not-entitled.
            Settle(id, TaskState.NotEntitled, verdict.Reason);
            return (TaskState.NotEntitled, 0, 0);
        }
        catch (MassiveApiException ex) when (ex.Kind == MassiveErrorKind.NotFound)
        {
            Settle(id, TaskState.NotFound, ex.VendorMessage ?? ex.Message);
            return (TaskState.NotFound, 0, 0);
        }
        catch (Exception ex) when (DiskFull.Is(ex))
        {
            // Every other task would fail alike: stop the run and keep this one pending (its temp file is gone already).
            await StopAsync(DiskFull.Reason(ledger.Outdir), stop, ExitCodes.SomeFailed);
            Settle(id, TaskState.Pending, null);
            return null;
        }
        catch (Exception ex) when (TaskErrors.FailsTask(ex))
        {
            var reason = TaskErrors.Reason(ex);
            if (!lastChance && ex is MassiveApiException { IsTransient: true })
            {
                // Recorded as failed now (a kill keeps the reason); not counted until the end-of-run attempt settles it.
                fetcher.LogFailed(task, $"{reason} (asked again at the end of the run)");
                Settle(id, TaskState.Failed, reason);
                _again.Enqueue((task, reason));
                return null;
            }

            lock (_gate)
            {
                _firstFailure ??= $"{fetcher.Describe(task)}: {reason}";
            }

            fetcher.LogFailed(task, reason);
            Settle(id, TaskState.Failed, reason);
            return (TaskState.Failed, 0, 0);
        }
        finally
        {
            workers.Return(worker);
        }
    }

    // A task the outage stopped keeps the reason (status and verify show it); counted failed, as the ledger holds it.
    private (TaskState State, long Bytes, long Rows) FailedByOutage(TTask task, long id, string reason)
    {
        fetcher.LogFailed(task, reason);
        Settle(id, TaskState.Failed, reason);
        return (TaskState.Failed, 0, 0);
    }

    // Stop the others before this task writes the ledger: a request started meanwhile would be wasted.
    private async Task StopAsync(string reason, CancellationTokenSource stop, int exitCode)
    {
        lock (_gate)
        {
            if (_fatal is null)
            {
                _fatal = reason;
                _fatalExitCode = exitCode;
            }
        }

        await stop.CancelAsync();
    }

    private void Settle(long id, TaskState state, string? error)
    {
        using var tx = ledger.Begin();
        tx.SetState(id, state, error);
        tx.Commit();
    }
}
