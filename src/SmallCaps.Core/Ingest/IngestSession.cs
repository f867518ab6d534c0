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
        return await session.RecordAsync(commandLine, () => runner.RunAsync(plan, cancellationToken), () => onStart?.Invoke(runner));
    }
}
