using SmallCaps.Core.Calendar;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Manifest;
using SmallCaps.Core.Tasks;
using ILogger = Serilog.ILogger;

namespace SmallCaps.Core.Ticks;

/// <summary>
/// One trades or quotes run on a <see cref="RunSession"/> (lock, ledger, clean-up, run record): plan from the
/// manifest's complete sessions (<see cref="CompleteSessions"/>), warn about sessions whose windows changed, then
/// run. Input must be validated before.
/// </summary>
internal static class TickSession
{
    /// <summary>
    /// Runs; throws <see cref="OutdirLockedException"/> before any fetch when another run holds the outdir, and
    /// <see cref="Input.InputException"/> when a ticker differs only in case from one the outdir holds.
    /// </summary>
    /// <param name="options">Outdir, dataset and workers.</param>
    /// <param name="windows">The manifest's windows; those of today or later in New York are left for a later run.</param>
    /// <param name="source">The vendor.</param>
    /// <param name="clock">Time for "today" and the counters.</param>
    /// <param name="log">The run's log.</param>
    /// <param name="commandLine">Kept in the run record.</param>
    /// <param name="onStart">Given the runner once it exists (progress).</param>
    /// <param name="onNotice">Given the one-line notice about sessions left for a later run (also logged), if any.</param>
    /// <param name="cancellationToken">Interrupts the run; tasks in flight go back to pending.</param>
    public static async Task<IngestOutcome> RunAsync(
        TickIngestOptions options,
        IReadOnlyList<ManifestWindow> windows,
        ITickSource source,
        TimeProvider clock,
        ILogger log,
        string commandLine,
        Action<TickRunner>? onStart,
        Action<string>? onNotice,
        CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var complete = CompleteSessions.Of(windows, clock);
        if (complete.Notice is { } notice)
        {
            log.Information("notice: {Notice}", notice);
            onNotice?.Invoke(notice);
        }

        windows = complete.Windows;
        using var session = RunSession.Open(options.Outdir, () => TickLayout.RemoveOrphanTempFiles(options.Outdir, options.Dataset), clock, log);
        var known = session.Ledger.Tasks(options.Dataset.Name);
        if (Input.TickerRules.CaseTwinOfHeld(windows.Select(w => w.Ticker), known.Select(t => t.Key.Ticker)) is { } twins)
        {
            throw new Input.InputException(Input.TickerRules.CaseTwinOfHeldProblem(twins));
        }

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
                "{Count} sessions were fetched earlier with other windows than this manifest gives them (first: {Ticker} {Session}): they are not fetched again, and {Dataset} keeps the earlier windows' ticks for them. To fetch this manifest's windows for them, run it with a new --outdir",
                changed.Count,
                first.Ticker,
                IsoDate.Format(first.WindowStart),
                options.Dataset.Name);
        }

        var runner = new TickRunner(options, session.Ledger, source, clock, log, started);
        return await session.RecordAsync(commandLine, () => runner.RunAsync(plan, cancellationToken), () => onStart?.Invoke(runner));
    }
}
