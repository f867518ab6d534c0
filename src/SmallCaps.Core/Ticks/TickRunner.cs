using System.Collections.Concurrent;
using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;
using SmallCaps.Parquet;
using ILogger = Serilog.ILogger;

namespace SmallCaps.Core.Ticks;

/// <summary>
/// Runs tick tasks with the bars' contract: at most <see cref="TickIngestOptions.MaxWorkers"/> in flight, each
/// task streams its windows into one temp file and ends as exactly one ledger state (done with its file
/// published first, empty, not-found, failed with its reason, or pending again when interrupted). A rejected
/// key or a 403 (the plan lacks trades or quotes: asking again cannot help) stops the whole run with one line.
/// </summary>
internal sealed class TickRunner(TickIngestOptions options, SqliteLedger ledger, ITickSource source, TimeProvider clock, ILogger log)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentBag<(TickPage Page, ColumnBatch Batch)> _buffers = [];
    private string? _fatal;
    private string? _firstFailure;

    /// <summary>Counters of the current run (null before <see cref="RunAsync"/>); rows are counted as bars.</summary>
    public IngestCounters? Counters { get; private set; }

    public async Task<IngestOutcome> RunAsync(IReadOnlyList<TickTask> plan, CancellationToken cancellationToken)
    {
        var counters = new IngestCounters(plan.Count, clock);
        Counters = counters;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxWorkers), CancellationToken = stop.Token };
        var interrupted = false;
        try
        {
            await Parallel.ForEachAsync(plan, parallel, async (task, ct) =>
            {
                var state = await RunTaskAsync(task, counters, stop, ct);
                if (state is { } s)
                {
                    counters.Finished(s.State, s.Bytes);
                }
            });
        }
        catch (OperationCanceledException)
        {
            interrupted = cancellationToken.IsCancellationRequested;
        }

        return new IngestOutcome(counters.Snapshot(), interrupted && _fatal is null, _fatal, _firstFailure);
    }

    private async Task<(TaskState State, long Bytes)?> RunTaskAsync(TickTask task, IngestCounters counters, CancellationTokenSource stop, CancellationToken ct)
    {
        var key = task.Key;

        // The run-wide stop flips at once; the loop's linked token may learn of it a moment later.
        if (stop.IsCancellationRequested)
        {
            return null;
        }

        long id;
        using (var tx = ledger.Begin())
        {
            id = tx.EnsureTask(key, adjusted: false, timespan: WindowFingerprint.Of(options.Dataset.Kind, task.Windows));
            tx.MarkRunning(id);
            tx.Commit();
        }

        if (!_buffers.TryTake(out var buffers))
        {
            buffers = (new TickPage(), new ColumnBatch(TickSchema.For(options.Dataset.Kind).Schema, 4096));
        }

        var relative = TickLayout.RelativePath(options.Dataset, key.Ticker, key.WindowStart);
        try
        {
            using var file = TickPartFile.Create(options.Outdir, relative, options.Dataset, key.Ticker, key.WindowStart, buffers.Batch);
            foreach (var window in task.Windows)
            {
                var query = new TicksQuery(key.Ticker, options.Dataset.Kind, window.StartNs, window.EndNs);
                await source.FetchAsync(
                    query,
                    buffers.Page,
                    async (page, token) =>
                    {
                        var before = file.Rows;
                        await file.AppendAsync(page, window.StartNs, window.EndNs, token);
                        counters.AddBars(file.Rows - before);
                    },
                    ct);
            }

            if (file.Received == 0)
            {
                // A session that once had a file (a run died after rename, before its ledger row) must not keep it.
                File.Delete(Lake.LakeLayout.FullPath(options.Outdir, relative));
                Settle(id, TaskState.Empty, null);
                return (TaskState.Empty, 0);
            }

            if (file.OutOfWindow > 0)
            {
                log.Warning("{Dataset} {Ticker} {Session}: {Count} ticks outside the asked windows dropped", key.Dataset, key.Ticker, key.WindowStart, file.OutOfWindow);
            }

            // Sampling emits each session's last open bucket only at commit.
            var counted = file.Rows;
            var committed = await file.CommitAsync(ct);
            counters.AddBars(committed.Rows - counted);
            using (var tx = ledger.Begin())
            {
                tx.MarkDone(id, committed);
                tx.Commit();
            }

            return (TaskState.Done, committed.Bytes);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Settle(id, TaskState.Pending, null);
            return null;
        }
        catch (MassiveApiException ex) when (ex.IsRunFatal || ex.Kind == MassiveErrorKind.NotEntitled)
        {
            var entitled = ex.Kind != MassiveErrorKind.NotEntitled;
            var what = options.Dataset.Kind == TickKind.Trades ? "trades" : "quotes";
            var message = entitled ? ex.Message : $"the API key's plan does not include {what} (HTTP 403: {ex.VendorMessage ?? ex.Message})";
            // Stop the others first: a request started while this task writes the ledger would be wasted.
            lock (_gate)
            {
                _fatal ??= message;
            }

            await stop.CancelAsync();
            Settle(id, entitled ? TaskState.Pending : TaskState.NotEntitled, entitled ? null : message);
            return null;
        }
        catch (MassiveApiException ex) when (ex.Kind == MassiveErrorKind.NotFound)
        {
            Settle(id, TaskState.NotFound, ex.VendorMessage ?? ex.Message);
            return (TaskState.NotFound, 0);
        }
        catch (Exception ex) when (ex is MassiveApiException or PageFormatException or IOException or ParquetFormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            var reason = $"{ex.GetType().Name}: {ex.Message}";
            lock (_gate)
            {
                _firstFailure ??= $"{key.Ticker} {key.WindowStart}: {reason}";
            }

            log.Warning("{Dataset} {Ticker} {Session} failed: {Reason}", key.Dataset, key.Ticker, key.WindowStart, reason);
            Settle(id, TaskState.Failed, reason);
            return (TaskState.Failed, 0);
        }
        finally
        {
            _buffers.Add(buffers);
        }
    }

    private void Settle(long id, TaskState state, string? error)
    {
        using var tx = ledger.Begin();
        tx.SetState(id, state, error);
        tx.Commit();
    }
}
