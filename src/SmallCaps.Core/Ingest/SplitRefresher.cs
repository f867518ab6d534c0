using SmallCaps.Core.Calendar;
using SmallCaps.Core.Http;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Tasks;
using ILogger = Serilog.ILogger;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// Fetches stale windows (see <see cref="StaleWindows"/>, and late tails, see <see cref="LateTails"/>) again, whole, each into a new file that takes the old one's
/// place through the merge journal (<see cref="PartitionMerger.Replace"/>): the old bars stay readable until the new
/// ones are durable and in the ledger, and a failure leaves the old file and its done row as they were.
/// </summary>
internal sealed class SplitRefresher(IngestOptions options, SqliteLedger ledger, IBarSource source, TimeProvider clock, ILogger log)
{
    private readonly Lock _gate = new();
    private string? _fatal;
    private int _fatalExitCode;
    private string? _firstFailure;
    private readonly HashSet<string> _failedTickers = new(StringComparer.Ordinal);
    private int _refetched;
    private int _failed;

    /// <summary>Why the run stopped (key rejected, full disk), or null.</summary>
    public string? Fatal => _fatal;

    /// <summary>The exit code of <see cref="Fatal"/>.</summary>
    public int FatalExitCode => _fatalExitCode;

    /// <summary>Tickers with a window left stale: not yet checked through today.</summary>
    public IReadOnlyCollection<string> FailedTickers
    {
        get
        {
            lock (_gate)
            {
                return [.. _failedTickers];
            }
        }
    }

    /// <summary>Fetches every window again; throws <see cref="OperationCanceledException"/> when the run is interrupted.</summary>
    public Task<RefreshTally> RunAsync(IReadOnlyList<StaleWindow> stale, IngestCounters? counters, CancellationToken cancellationToken)
    {
        if (stale.Count > 0)
        {
            log.Information("{Dataset}: {Count} windows of adjusted bars predate a split executed since; fetching them again", options.Dataset.Name, stale.Count);
        }

        return RunAsync([.. stale.Select(s => new RefetchWindow(s.Task, s.Reason, KeepIfFewerBars: false))], counters, cancellationToken);
    }

    /// <summary>Fetches every window again, whole; throws <see cref="OperationCanceledException"/> when the run is interrupted.</summary>
    public async Task<RefreshTally> RunAsync(IReadOnlyList<RefetchWindow> stale, IngestCounters? counters, CancellationToken cancellationToken)
    {
        if (stale.Count == 0)
        {
            return RefreshTally.None;
        }

        counters?.RefetchesPlanned(stale.Count);
        using var workers = new WorkerPool<BarBuffers>(() => new BarBuffers());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxWorkers), CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(stale, parallel, async (window, ct) =>
            {
                var worker = workers.Rent();
                try
                {
                    await RefetchOneAsync(window, worker, stop, ct);
                }
                finally
                {
                    workers.Return(worker);
                    counters?.RefetchFinished();
                }
            });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && _fatal is not null)
        {
            // Stopped by a fatal error: the windows not reached stay stale, and the next run finds them again.
        }

        return new RefreshTally(stale.Count, _refetched, _failed, _firstFailure);
    }

    private async Task RefetchOneAsync(RefetchWindow window, BarBuffers worker, CancellationTokenSource stop, CancellationToken ct)
    {
        var key = window.Task.Key;
        var what = $"{key.Ticker} {IsoDate.Format(key.WindowStart)}..{IsoDate.Format(key.WindowEnd)}";
        log.Information("{Dataset} {Window}: {Reason}: fetching again", key.Dataset, what, window.Reason);
        var fetchedAt = clock.GetUtcNow();
        try
        {
            var relative = LakeLayout.RefetchPath(options.Dataset, key, window.Task.FilePath!);
            using var file = BarPartFile.Create(options.Outdir, relative, key, worker.Batch, worker.Writer);
            await WindowFetch.FillAsync(source, options, key, file, worker, ct);
            if (file.Rows == 0)
            {
                // Never trade bars for nothing: the vendor may be wrong today; the old file stays and the next run asks again.
                Fail(key.Ticker, what, $"the vendor returned no bars for a window that holds {window.Task.Rows}; the old file was kept");
                return;
            }

            if (window.KeepIfFewerBars && file.Rows < window.Task.Rows)
            {
                // Never lose a bar: fewer bars than the lake holds is the vendor's gap today, not the window's truth.
                Fail(key.Ticker, what, $"the vendor returned {file.Rows} bars for a window that holds {window.Task.Rows}; the old file was kept");
                return;
            }

            var sealedFile = await file.SealAsync(ct);
            PartitionMerger.Replace(options.Outdir, ledger, file, sealedFile, key, [window.Task], fetchedAt, log, window.ClearsTailRecheck);
            Interlocked.Increment(ref _refetched);

            log.Information("{Dataset} {Window}: fetched again: {Rows} bars (were {Old})", key.Dataset, what, sealedFile.Rows, window.Task.Rows);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (MassiveApiException ex) when (ex.IsRunFatal)
        {
            await StopAsync(ex.Message, ExitCodes.ForRunFatal(ex), stop);
        }
        catch (Exception ex) when (DiskFull.Is(ex))
        {
            await StopAsync(DiskFull.Reason(options.Outdir), ExitCodes.SomeFailed, stop);
        }
        catch (Exception ex) when (TaskErrors.FailsTask(ex))
        {
            Fail(key.Ticker, what, $"{TaskErrors.Reason(ex)} (the old file was kept)");
        }
    }

    private void Fail(string ticker, string what, string reason)
    {
        Interlocked.Increment(ref _failed);
        lock (_gate)
        {
            _firstFailure ??= $"{what}: {reason}";
            _failedTickers.Add(ticker);
        }

        log.Warning("{Dataset} {Window}: not fetched again: {Reason}", options.Dataset.Name, what, reason);
    }

    private async Task StopAsync(string reason, int exitCode, CancellationTokenSource stop)
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
}
