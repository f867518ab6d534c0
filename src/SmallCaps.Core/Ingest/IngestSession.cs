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
        var started = clock.GetTimestamp();
        RefuseOnTheLedgerAsItIs(options, tickers);
        using var session = RunSession.Open(options.Outdir, () => LakeCleanup.RemoveOrphanTempFiles(options.Outdir, options.Dataset), clock, log);
        PartitionMerger.Recover(options.Outdir, options.Dataset, session.Ledger, log);
        var known = session.Ledger.Tasks(options.Dataset.Name);
        IngestPlanner.CheckAdjusted(options.Dataset, options.Adjusted, known);
        if (TickerRules.CaseTwinOfHeld(options.TickerRanges?.Select(r => r.Ticker) ?? tickers, known.Select(t => t.Key.Ticker)) is { } twins)
        {
            throw new InputException(TickerRules.CaseTwinOfHeldProblem(twins));
        }

        var wanted = options.TickerRanges ?? tickers.Select(t => new TickerRange(t, range.From, range.To)).ToList();
        var plan = IngestPlanner.Plan(options.Dataset, wanted, known, options.RetryNotEntitled);
        var tails = LateTails.Of(session.Ledger.TailRechecks(options.Dataset.Name, known), wanted);
        var to = range.To;
        var served = await ServedSessions.CheckAsync(source, options.Dataset.Name, [.. plan, .. tails.Select(t => t.Key)], clock, cancellationToken);
        tails = LateTails.Published(tails, served?.End);
        if (tails.Count > 0)
        {
            log.Information("{Notice}", LateTails.Notice(options.Dataset.Name, tails.Count));
            LateTails.Reopen(session.Ledger, tails);
            known = session.Ledger.Tasks(options.Dataset.Name);
            plan = IngestPlanner.Plan(options.Dataset, wanted, known, options.RetryNotEntitled);
        }

        string? waiting = null;
        if (served is not null)
        {
            waiting = served.Waiting;
            log.Warning("{Notice}", served.Notice);
            wanted = ServedSessions.Clamp(wanted, served.End);
            plan = IngestPlanner.Plan(options.Dataset, wanted, known, options.RetryNotEntitled);
            to = served.End < to ? served.End : to;
        }

        if (!options.RetryNotEntitled && IngestPlanner.NotEntitledKnown(options.Dataset, wanted, known) is > 0 and var skipped)
        {
            log.Warning("{Dataset}: {Skipped} windows an earlier run found outside the API plan are skipped; after a plan upgrade, --retry-not-entitled asks for them again", options.Dataset.Name, skipped);
        }

        log.Information(
            "{Dataset}: {Tickers} tickers, {From}..{To}: {Tasks} tasks to fetch ({Settled} already settled)",
            options.Dataset.Name,
            tickers.Count,
            IngestRangeParser.Format(range.From),
            IngestRangeParser.Format(to),
            plan.Count,
            known.Count(t => t.State.IsSettled()));

        var runner = new IngestRunner(options, session.Ledger, source, clock, log, started) { PlannedTo = to, Waiting = waiting };
        return await session.RecordAsync(commandLine, () => FetchThenMergeAsync(options, tickers, runner, plan, LateTails.ToRefetch(tails), source, session.Ledger, clock, log, cancellationToken), () => onStart?.Invoke(runner));
    }

    // Opening the ledger upgrades an older one (and marks its late tails): input it refuses must be refused before, so
    // a refused run writes nothing. Checked again under the lock, where a run that started meanwhile is seen too.
    private static void RefuseOnTheLedgerAsItIs(IngestOptions options, IReadOnlyList<string> tickers)
    {
        var database = Verify.LedgerView.DatabasePath(options.Outdir);
        if (!File.Exists(database))
        {
            return;
        }

        IReadOnlyList<Verify.LedgerEntry> held;
        try
        {
            held = Verify.LedgerView.ReadTasks(database);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // No tasks table yet, or a ledger the open below reports better.
            return;
        }

        IngestPlanner.CheckAdjusted(options.Dataset, options.Adjusted, held);
        if (TickerRules.CaseTwinOfHeld(options.TickerRanges?.Select(r => r.Ticker) ?? tickers, held.Where(e => e.Dataset == options.Dataset.Name).Select(e => e.Ticker)) is { } twins)
        {
            throw new InputException(TickerRules.CaseTwinOfHeldProblem(twins));
        }
    }

    // The summary's counters are taken at the very end, so its elapsed time covers the steps after the tasks too.
    private static async Task<IngestOutcome> FetchThenMergeAsync(IngestOptions options, IReadOnlyList<string> tickers, IngestRunner runner, IReadOnlyList<TaskKey> plan, IReadOnlyList<RefetchWindow> tails, IBarSource source, SqliteLedger ledger, TimeProvider clock, ILogger log, CancellationToken cancellationToken)
    {
        var outcome = await FetchThenMergeStepsAsync(options, tickers, runner, plan, tails, source, ledger, clock, log, cancellationToken);
        return runner.Counters is { } counters ? outcome with { Final = counters.Snapshot() } : outcome;
    }

    // After the fetches, windows a split has rewritten are fetched again, then each partition's windows become one
    // file, so nightly runs do not pile up small files.
    private static async Task<IngestOutcome> FetchThenMergeStepsAsync(IngestOptions options, IReadOnlyList<string> tickers, IngestRunner runner, IReadOnlyList<TaskKey> plan, IReadOnlyList<RefetchWindow> tails, IBarSource source, SqliteLedger ledger, TimeProvider clock, ILogger log, CancellationToken cancellationToken)
    {
        var outcome = await runner.RunAsync(plan, cancellationToken);
        if (outcome.Interrupted || outcome.FatalError is not null)
        {
            return outcome;
        }

        try
        {
            outcome = await RefetchLateTailsAsync(options, tails, runner, source, ledger, clock, log, outcome, cancellationToken);
            if (outcome.FatalError is not null)
            {
                return outcome;
            }

            if (options.Adjusted)
            {
                outcome = await RefetchStaleAsync(options, tickers, runner, source, ledger, clock, log, outcome, cancellationToken);
                if (outcome.FatalError is not null)
                {
                    return outcome;
                }
            }

            if (!options.MergeWindows)
            {
                return outcome;
            }

            runner.Counters?.Enter(RunPhase.Merging);
            var merged = await PartitionMerger.MergeAsync(options.Outdir, options.Dataset, ledger, tickers, options.MaxWorkers, log, runner.Counters, cancellationToken);
            return outcome with { Merged = merged };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A merge or re-fetch under way was abandoned whole (its temp file removed); the next run does it again.
            return outcome with { Interrupted = true };
        }
    }

    // Done windows an older build may have settled before the vendor published their tail, fetched again whole, once.
    private static async Task<IngestOutcome> RefetchLateTailsAsync(IngestOptions options, IReadOnlyList<RefetchWindow> tails, IngestRunner runner, IBarSource source, SqliteLedger ledger, TimeProvider clock, ILogger log, IngestOutcome outcome, CancellationToken cancellationToken)
    {
        if (tails.Count == 0)
        {
            return outcome;
        }

        // Its own phase and counts: on a big lake this takes minutes, and the tasks' line alone would read 100 %, ETA 0.
        runner.Counters?.Enter(RunPhase.RefetchingLateTails);
        var refresher = new SplitRefresher(options, ledger, source, clock, log);
        var tally = await refresher.RunAsync(tails, runner.Counters, cancellationToken);
        outcome = outcome with { RecheckedTails = tally, FirstFailure = outcome.FirstFailure ?? tally.FirstFailure };
        return refresher.Fatal is { } fatal ? outcome with { FatalError = fatal, FatalExitCode = refresher.FatalExitCode } : outcome;
    }

    // Adjusted history changes with every split: windows fetched before one are fetched again (see StaleWindows).
    private static async Task<IngestOutcome> RefetchStaleAsync(IngestOptions options, IReadOnlyList<string> tickers, IngestRunner runner, IBarSource source, SqliteLedger ledger, TimeProvider clock, ILogger log, IngestOutcome outcome, CancellationToken cancellationToken)
    {
        var candidates = StaleWindows.Candidates(ledger.Tasks(options.Dataset.Name), tickers);
        if (StaleWindows.QueryFrom(candidates, ledger.SplitsChecked(options.Dataset.Name)) is not { } since)
        {
            return outcome;
        }

        runner.Counters?.Enter(RunPhase.CheckingSplits);
        var now = clock.GetUtcNow();
        var today = NodaTime.Instant.FromDateTimeOffset(now).InZone(Calendar.NewYorkTime.Zone).Date;
        IReadOnlyList<Api.Reference.SplitRecord> splits;
        try
        {
            splits = since <= today ? await source.SplitsExecutedAsync(since, today, cancellationToken) : [];
        }
        catch (Http.MassiveApiException ex) when (ex.IsRunFatal)
        {
            return outcome with { FatalError = ex.Message, FatalExitCode = ExitCodes.ForRunFatal(ex) };
        }
        catch (Exception ex) when (ex is Http.MassiveApiException or Api.PageFormatException or IOException)
        {
            // The bars fetched are fine; only the check is missing. Say so: verify reports stale files from reference splits.
            log.Warning("{Dataset}: could not list the splits executed since {Since} ({Reason}); adjusted bars fetched before a new split may be stale: the next run checks again", options.Dataset.Name, Calendar.IsoDate.Format(since), ex.Message);
            return outcome;
        }

        var stale = StaleWindows.Find(candidates, splits, now);
        runner.Counters?.Enter(RunPhase.Refetching);
        var refresher = new SplitRefresher(options, ledger, source, clock, log);
        var tally = await refresher.RunAsync(stale, runner.Counters, cancellationToken);
        outcome = outcome with { Refetched = tally, FirstFailure = outcome.FirstFailure ?? tally.FirstFailure };
        if (refresher.Fatal is { } fatal)
        {
            return outcome with { FatalError = fatal, FatalExitCode = refresher.FatalExitCode };
        }

        // A ticker whose windows all match the vendor is checked through today; one left stale is asked again in full.
        using (var tx = ledger.Begin())
        {
            tx.SetSplitsChecked(options.Dataset.Name, candidates.Select(c => c.Key.Ticker).Distinct().Except(refresher.FailedTickers), today);
            tx.Commit();
        }

        return outcome;
    }
}
