using SmallCaps.Core.Calendar;
using SmallCaps.Core.Http;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Tasks;
using ILogger = Serilog.ILogger;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// Runs planned bar tasks on the shared <see cref="TaskRunner{TTask, TWorker}"/>: each task streams its pages into
/// its own <see cref="BarPartFile"/>. A 403 settles the same and older windows of the dataset without asking the
/// vendor again; the run goes on.
/// </summary>
internal sealed class IngestRunner(IngestOptions options, SqliteLedger ledger, IBarSource source, TimeProvider clock, ILogger log, long? started = null)
    : ITaskFetcher<TaskKey, BarBuffers>
{
    private readonly NotEntitledWindows _notEntitled = new();
    private TaskRunner<TaskKey, BarBuffers>? _tasks;

    /// <summary>Counters of the current run (null before <see cref="RunAsync"/>).</summary>
    public IngestCounters? Counters => _tasks?.Counters;

    /// <summary>The last date the plan reaches, so status counts the run's own plan (not days the vendor has not published).</summary>
    public NodaTime.LocalDate? PlannedTo { get; init; }

    /// <summary>Why the sessions after <see cref="PlannedTo"/> wait for a later run; null when none do.</summary>
    public string? Waiting { get; init; }

    /// <summary>The counters with where the plan ends (null before <see cref="RunAsync"/>).</summary>
    public IngestSnapshot? Snapshot() => Counters?.Snapshot() is { } s ? s with { PlannedTo = PlannedTo, Waiting = Waiting } : null;

    /// <summary>Runs the plan to the end, or until cancelled or the key is rejected.</summary>
    public Task<IngestOutcome> RunAsync(IReadOnlyList<TaskKey> plan, CancellationToken cancellationToken)
    {
        // The engine calls back into this runner for the dataset's part; its stop and first failure are per run.
        _tasks = new TaskRunner<TaskKey, BarBuffers>(this, ledger, options.MaxWorkers, clock, started);
        return _tasks.RunAsync(plan, cancellationToken);
    }

    long ITaskFetcher<TaskKey, BarBuffers>.Enroll(LedgerTransaction transaction, TaskKey task) =>
        transaction.EnsureTask(task, options.Adjusted, options.Dataset.Timespan);

    string? ITaskFetcher<TaskKey, BarBuffers>.KnownNotEntitled(TaskKey task) => _notEntitled.Covering(task);

    BarBuffers ITaskFetcher<TaskKey, BarBuffers>.CreateWorker() => new();

    async Task<CommittedFile?> ITaskFetcher<TaskKey, BarBuffers>.FetchAsync(TaskKey key, BarBuffers worker, IngestCounters counters, CancellationToken cancellationToken)
    {
        if (!NyseCalendar.HasSession(key.WindowStart, key.WindowEnd))
        {
            // Weekends and holidays only (a Monday-night run, Thanksgiving): nothing traded, so settle empty without asking.
            return null;
        }

        var relative = LakeLayout.RelativePath(options.Dataset, key);
        using var file = BarPartFile.Create(options.Outdir, relative, key, worker.Batch, worker.Writer);
        await WindowFetch.FillAsync(source, options, key, file, worker, cancellationToken);
        if (file.Rows == 0)
        {
            // A window that once had a file (a run died after rename, before its ledger row) must not keep it.
            File.Delete(LakeLayout.FullPath(options.Outdir, relative));
            return null;
        }

        if (file.OutOfWindow > 0)
        {
            log.Warning("{Dataset} {Ticker} {From}..{To}: {Count} bars outside the window dropped", key.Dataset, key.Ticker, IsoDate.Format(key.WindowStart), IsoDate.Format(key.WindowEnd), file.OutOfWindow);
        }

        var committed = await file.CommitAsync(cancellationToken);
        log.Debug("{Dataset} {Ticker} {From}..{To}: {Rows} bars, {Bytes} bytes", key.Dataset, key.Ticker, IsoDate.Format(key.WindowStart), IsoDate.Format(key.WindowEnd), committed.Rows, committed.Bytes);
        return committed;
    }

    NotEntitledVerdict ITaskFetcher<TaskKey, BarBuffers>.NotEntitled(TaskKey key, MassiveApiException error)
    {
        var message = error.VendorMessage ?? error.Message;
        _notEntitled.Add(key, message);
        log.Warning("{Dataset} {Ticker} {From}..{To}: not entitled: {Message}", key.Dataset, key.Ticker, IsoDate.Format(key.WindowStart), IsoDate.Format(key.WindowEnd), message);
        return new NotEntitledVerdict(message, StopsRun: false);
    }

    string ITaskFetcher<TaskKey, BarBuffers>.Describe(TaskKey key) => $"{key.Ticker} {IsoDate.Format(key.WindowStart)}..{IsoDate.Format(key.WindowEnd)}";

    void ITaskFetcher<TaskKey, BarBuffers>.LogFailed(TaskKey key, string reason) =>
        log.Warning("{Dataset} {Ticker} {From}..{To} failed: {Reason}", key.Dataset, key.Ticker, IsoDate.Format(key.WindowStart), IsoDate.Format(key.WindowEnd), reason);
}
