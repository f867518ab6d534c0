using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Manifest;
using ILogger = Serilog.ILogger;

namespace SmallCaps.Core.Ticks;

/// <summary>
/// One trades or quotes run: lock the outdir, open the ledger, remove temp files and reset running tasks a
/// killed run left, plan from the manifest, run, record the run. Input must be validated before.
/// </summary>
internal static class TickSession
{
    public static async Task<IngestOutcome> RunAsync(
        TickIngestOptions options,
        IReadOnlyList<ManifestWindow> windows,
        ITickSource source,
        TimeProvider clock,
        ILogger log,
        string commandLine,
        Action<TickRunner>? onStart,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Outdir);
        using var outdirLock = OutdirLock.Acquire(options.Outdir, clock);
        if (outdirLock.PreviousHolder is { } previous)
        {
            log.Warning("Took over the lock of a run that died ({Holder})", previous);
        }

        using var ledger = SqliteLedger.Open(options.Outdir, clock);
        var removed = TickLayout.RemoveOrphanTempFiles(options.Outdir, options.Dataset);
        using (var tx = ledger.Begin())
        {
            var reset = tx.ResetRunning();
            tx.Commit();
            if (removed > 0 || reset > 0)
            {
                log.Information("Cleaned up after an interrupted run: {Temp} temp files removed, {Reset} tasks back to pending", removed, reset);
            }
        }

        var known = ledger.Tasks(options.Dataset.Name);
        var plan = TickPlanner.Plan(options.Dataset, windows, known);
        log.Information(
            "{Dataset}: {Windows} windows, {Tasks} ticker-sessions to fetch ({Settled} already settled)",
            options.Dataset.Name,
            windows.Count,
            plan.Count,
            TickPlanner.CountSettled(options.Dataset, windows, known));

        var changed = TickPlanner.ChangedSinceSettled(options.Dataset, windows, known);
        if (changed.Count > 0)
        {
            var first = changed[0].Key;
            log.Warning(
                "{Count} sessions already fetched have different windows in this manifest (first: {Ticker} {Session}); their files were kept. Delete them from {Dataset} and re-run in a fresh outdir to refetch",
                changed.Count,
                first.Ticker,
                first.WindowStart,
                options.Dataset.Name);
        }

        var runId = ledger.StartRun(commandLine);
        var runner = new TickRunner(options, ledger, source, clock, log);
        IngestOutcome outcome;
        try
        {
            var running = runner.RunAsync(plan, cancellationToken);
            onStart?.Invoke(runner);
            outcome = await running;
        }
        catch
        {
            ledger.EndRun(runId, ExitCodes.SomeFailed, "crashed");
            throw;
        }

        ledger.EndRun(runId, outcome.ExitCode, IngestSummary.OneLine(outcome));
        return outcome;
    }
}
