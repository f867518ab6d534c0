using SmallCaps.Core.Calendar;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Tasks;
using ILogger = Serilog.ILogger;

namespace SmallCaps.Core.Ticks;

/// <summary>
/// Runs tick tasks on the shared <see cref="TaskRunner{TTask, TWorker}"/> (the bars' contract): each task streams
/// its windows into one <see cref="TickPartFile"/>. A 403 (the plan lacks trades or quotes: asking again cannot
/// help) stops the whole run with one line.
/// </summary>
internal sealed class TickRunner(TickIngestOptions options, SqliteLedger ledger, ITickSource source, TimeProvider clock, ILogger log, long? started = null)
    : ITaskFetcher<TickTask, TickBuffers>
{
    private TaskRunner<TickTask, TickBuffers>? _tasks;

    /// <summary>Counters of the current run (null before <see cref="RunAsync"/>); rows of committed files are counted as bars.</summary>
    public IngestCounters? Counters => _tasks?.Counters;

    /// <summary>Runs the plan to the end, or until cancelled, the key is rejected or the plan lacks the dataset.</summary>
    public Task<IngestOutcome> RunAsync(IReadOnlyList<TickTask> plan, CancellationToken cancellationToken)
    {
        // The engine calls back into this runner for the dataset's part; its stop and first failure are per run.
        _tasks = new TaskRunner<TickTask, TickBuffers>(this, ledger, options.MaxWorkers, clock, started);
        return _tasks.RunAsync(plan, cancellationToken);
    }

    long ITaskFetcher<TickTask, TickBuffers>.Enroll(LedgerTransaction transaction, TickTask task)
    {
        // A session enrolled by an earlier run (failed, interrupted) is now fetched with this manifest's windows.
        var fingerprint = WindowFingerprint.Of(options.Dataset.Kind, task.Windows);
        var id = transaction.EnsureTask(task.Key, adjusted: false, timespan: fingerprint);
        transaction.SetTimespan(id, fingerprint);
        return id;
    }

    string? ITaskFetcher<TickTask, TickBuffers>.KnownNotEntitled(TickTask task) => null;

    TickBuffers ITaskFetcher<TickTask, TickBuffers>.CreateWorker() => new(options.Dataset.Kind);

    async Task<CommittedFile?> ITaskFetcher<TickTask, TickBuffers>.FetchAsync(TickTask task, TickBuffers worker, IngestCounters counters, CancellationToken cancellationToken)
    {
        var key = task.Key;
        var relative = TickLayout.RelativePath(options.Dataset, key.Ticker, key.WindowStart);
        using var file = TickPartFile.Create(options.Outdir, relative, options.Dataset, key.Ticker, key.WindowStart, worker.Batch, worker.Writer);
        foreach (var window in task.Windows)
        {
            var query = new TicksQuery(key.Ticker, options.Dataset.Kind, window.StartNs, window.EndNs);
            await source.FetchAsync(
                query,
                worker.Page,
                (page, token) => file.AppendAsync(page, window.StartNs, window.EndNs, token),
                cancellationToken);
        }

        if (file.Received == 0)
        {
            // A session that once had a file (a run died after rename, before its ledger row) must not keep it.
            File.Delete(LakeLayout.FullPath(options.Outdir, relative));
            return null;
        }

        if (file.OutOfWindow > 0)
        {
            log.Warning("{Dataset} {Ticker} {Session}: {Count} ticks outside the asked windows dropped", key.Dataset, key.Ticker, IsoDate.Format(key.WindowStart), file.OutOfWindow);
        }

        // Rows are counted when the task is done, from the committed file (sampling emits the last bucket only at commit).
        return await file.CommitAsync(cancellationToken);
    }

    NotEntitledVerdict ITaskFetcher<TickTask, TickBuffers>.NotEntitled(TickTask task, MassiveApiException error)
    {
        var what = options.Dataset.Kind == TickKind.Trades ? "trades" : "quotes";
        return new NotEntitledVerdict($"the API key's plan does not include {what} (HTTP 403: {error.VendorMessage ?? error.Message})", StopsRun: true);
    }

    string ITaskFetcher<TickTask, TickBuffers>.Describe(TickTask task) => $"{task.Key.Ticker} {IsoDate.Format(task.Key.WindowStart)}";

    void ITaskFetcher<TickTask, TickBuffers>.LogFailed(TickTask task, string reason) =>
        log.Warning("{Dataset} {Ticker} {Session} failed: {Reason}", task.Key.Dataset, task.Key.Ticker, IsoDate.Format(task.Key.WindowStart), reason);
}
