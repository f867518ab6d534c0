using SmallCaps.Core.Input;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using ILogger = Serilog.ILogger;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// One ingest run around the runner: lock the outdir, open the ledger, remove temp files a killed run
/// left, put its running tasks back to pending, plan, run, record the run. Input must be validated
/// before (nothing here should be the first thing to create the outdir on bad input).
/// </summary>
internal static class IngestSession
{
    /// <summary>Runs; throws <see cref="OutdirLockedException"/> or <see cref="InputException"/> before any fetch.</summary>
    public static async Task<IngestOutcome> RunAsync(
        IngestOptions options,
        IReadOnlyList<string> tickers,
        IngestRange range,
        IBarSource source,
        TimeProvider clock,
        ILogger log,
        string commandLine,
        Action<IngestRunner>? onStart,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Outdir);
        using var outdirLock = OutdirLock.Acquire(options.Outdir, clock);
        if (outdirLock.PreviousHolder is { } previous)
        {
            log.Warning("Took over the lock of a run that died ({Holder})", previous);
        }

        using var ledger = SqliteLedger.Open(options.Outdir, clock);
        var removed = LakeCleanup.RemoveOrphanTempFiles(options.Outdir, options.Dataset);
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
        IngestPlanner.CheckAdjusted(options.Dataset, options.Adjusted, known);
        var plan = IngestPlanner.Plan(options.Dataset, tickers, range, known);
        log.Information(
            "{Dataset}: {Tickers} tickers, {From}..{To}: {Tasks} tasks to fetch ({Settled} already settled)",
            options.Dataset.Name,
            tickers.Count,
            IngestRangeParser.Format(range.From),
            IngestRangeParser.Format(range.To),
            plan.Count,
            known.Count(t => t.State.IsSettled()));

        var runId = ledger.StartRun(commandLine);
        var runner = new IngestRunner(options, ledger, source, clock, log);
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
