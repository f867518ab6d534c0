using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Parquet;
using ILogger = Serilog.ILogger;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// Runs planned tasks with at most <see cref="IngestOptions.MaxWorkers"/> in flight. Each task streams
/// pages into its own temp file and ends as exactly one ledger state: done (file published first),
/// empty, not-found, not-entitled, failed (reason kept) or, when the run is interrupted, pending again.
/// A rejected key stops the whole run; a 403 settles the same and older windows of the dataset
/// without asking the vendor again.
/// </summary>
internal sealed class IngestRunner(IngestOptions options, SqliteLedger ledger, IBarSource source, TimeProvider clock, ILogger log)
{
    private readonly Lock _gate = new();

    // Page and column buffers are large (LOH) and identical across tasks: workers reuse them.
    private readonly System.Collections.Concurrent.ConcurrentBag<(BarPage Page, ColumnBatch Batch)> _buffers = [];
    private string? _fatal;
    private string? _firstFailure;
    private NodaTime.LocalDate? _notEntitledThrough;
    private string? _notEntitledMessage;

    /// <summary>Counters of the current run (null before <see cref="RunAsync"/>).</summary>
    public IngestCounters? Counters { get; private set; }

    /// <summary>Runs the plan to the end, or until cancelled or the key is rejected.</summary>
    public async Task<IngestOutcome> RunAsync(IReadOnlyList<TaskKey> plan, CancellationToken cancellationToken)
    {
        var counters = new IngestCounters(plan.Count, clock);
        Counters = counters;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxWorkers), CancellationToken = stop.Token };
        var interrupted = false;
        try
        {
            await Parallel.ForEachAsync(plan, parallel, async (key, ct) =>
            {
                var state = await RunTaskAsync(key, counters, stop, ct);
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

    private async Task<(TaskState State, long Bytes)?> RunTaskAsync(TaskKey key, IngestCounters counters, CancellationTokenSource stop, CancellationToken ct)
    {
        long id;
        using (var tx = ledger.Begin())
        {
            id = tx.EnsureTask(key, options.Adjusted, options.Dataset.Timespan);
            if (NotEntitledAlready(key) is { } message)
            {
                tx.SetState(id, TaskState.NotEntitled, message);
                tx.Commit();
                return (TaskState.NotEntitled, 0);
            }

            tx.MarkRunning(id);
            tx.Commit();
        }

        var relative = LakeLayout.RelativePath(options.Dataset, key);
        var query = new AggregatesQuery(
            key.Ticker,
            options.Dataset.Timespan == "minute" ? BarTimespan.Minute : BarTimespan.Day,
            key.WindowStart.ToDateOnly(),
            key.WindowEnd.ToDateOnly(),
            options.Adjusted);
        if (!_buffers.TryTake(out var buffers))
        {
            // Sized to the request limit (50,000 bars): growing by doubling would leave ~4 MB of large-object garbage per worker.
            buffers = (new BarPage(50_000), new ColumnBatch(BarSchema.Schema, 8192));
        }

        try
        {
            using var file = BarPartFile.Create(options.Outdir, relative, key, buffers.Batch);
            await source.FetchAsync(
                query,
                buffers.Page,
                async (page, token) =>
                {
                    var before = file.Rows;
                    await file.AppendAsync(page, token);
                    counters.AddBars(file.Rows - before);
                },
                ct);
            if (file.Rows == 0)
            {
                // A window that once had a file (a run died after rename, before its ledger row) must not keep it.
                File.Delete(LakeLayout.FullPath(options.Outdir, relative));
                Settle(id, TaskState.Empty, null);
                return (TaskState.Empty, 0);
            }

            if (file.OutOfWindow > 0)
            {
                log.Warning("{Dataset} {Ticker} {From}..{To}: {Count} bars outside the window dropped", key.Dataset, key.Ticker, key.WindowStart, key.WindowEnd, file.OutOfWindow);
            }

            var committed = await file.CommitAsync(ct);
            using (var tx = ledger.Begin())
            {
                tx.MarkDone(id, committed);
                tx.Commit();
            }

            log.Debug("{Dataset} {Ticker} {From}..{To}: {Rows} bars, {Bytes} bytes", key.Dataset, key.Ticker, key.WindowStart, key.WindowEnd, committed.Rows, committed.Bytes);
            return (TaskState.Done, committed.Bytes);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Settle(id, TaskState.Pending, null);
            return null;
        }
        catch (MassiveApiException ex) when (ex.IsRunFatal)
        {
            Settle(id, TaskState.Pending, null);
            lock (_gate)
            {
                _fatal ??= ex.Message;
            }

            await stop.CancelAsync();
            return null;
        }
        catch (MassiveApiException ex) when (ex.Kind == MassiveErrorKind.NotEntitled)
        {
            var message = ex.VendorMessage ?? ex.Message;
            lock (_gate)
            {
                if (_notEntitledThrough is null || key.WindowEnd > _notEntitledThrough)
                {
                    _notEntitledThrough = key.WindowEnd;
                    _notEntitledMessage = message;
                }
            }

            log.Warning("{Dataset} {Ticker} {From}..{To}: not entitled: {Message}", key.Dataset, key.Ticker, key.WindowStart, key.WindowEnd, message);
            Settle(id, TaskState.NotEntitled, message);
            return (TaskState.NotEntitled, 0);
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
                _firstFailure ??= $"{key.Ticker} {key.WindowStart}..{key.WindowEnd}: {reason}";
            }

            log.Warning("{Dataset} {Ticker} {From}..{To} failed: {Reason}", key.Dataset, key.Ticker, key.WindowStart, key.WindowEnd, reason);
            Settle(id, TaskState.Failed, reason);
            return (TaskState.Failed, 0);
        }
        finally
        {
            _buffers.Add(buffers);
        }
    }

    private string? NotEntitledAlready(TaskKey key)
    {
        lock (_gate)
        {
            return _notEntitledThrough is { } through && key.WindowEnd <= through ? _notEntitledMessage : null;
        }
    }

    private void Settle(long id, TaskState state, string? error)
    {
        using var tx = ledger.Begin();
        tx.SetState(id, state, error);
        tx.Commit();
    }
}
