using SmallCaps.Core.Input;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Tasks;
using ILogger = Serilog.ILogger;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// One bars run on a <see cref="RunSession"/> (lock, ledger, clean-up, run record): plan from the tickers and
/// range, then run. Input must be validated before (nothing here should be the first thing to create the outdir
/// on bad input).
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
        using var session = RunSession.Open(options.Outdir, () => LakeCleanup.RemoveOrphanTempFiles(options.Outdir, options.Dataset), clock, log);
        PartitionMerger.Recover(options.Outdir, options.Dataset, session.Ledger, log);
        var known = session.Ledger.Tasks(options.Dataset.Name);
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

        var runner = new IngestRunner(options, session.Ledger, source, clock, log);
        return await session.RecordAsync(commandLine, () => FetchThenMergeAsync(options, tickers, runner, plan, session.Ledger, log, cancellationToken), () => onStart?.Invoke(runner));
    }

    // After the fetches, each partition's windows become one file, so nightly runs do not pile up small files.
    private static async Task<IngestOutcome> FetchThenMergeAsync(IngestOptions options, IReadOnlyList<string> tickers, IngestRunner runner, IReadOnlyList<TaskKey> plan, SqliteLedger ledger, ILogger log, CancellationToken cancellationToken)
    {
        var outcome = await runner.RunAsync(plan, cancellationToken);
        if (outcome.Interrupted || outcome.FatalError is not null || !options.MergeWindows)
        {
            return outcome;
        }

        try
        {
            var merged = await PartitionMerger.MergeAsync(options.Outdir, options.Dataset, ledger, tickers, options.MaxWorkers, log, runner.Counters, cancellationToken);
            return outcome with { Merged = merged };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A merge under way was abandoned whole (its temp file removed); the next run merges again.
            return outcome with { Interrupted = true };
        }
    }
}
