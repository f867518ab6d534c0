using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Manifest;
using SmallCaps.Core.Ticks;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ticks;

public sealed class TickIngestSimulatorTests
{
    private static readonly LocalDate Day1 = new(2024, 3, 15);
    private static readonly LocalDate Day2 = new(2026, 2, 3);

    [Fact]
    public async Task Trades_TwentyTickers_EqualTruthRowByRow()
    {
        // Given a manifest over 20 active names, two sessions, windows at open, midday and the 20:00 edge
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 11 });
        using var dir = new TempDirectory();
        var windows = Manifest(sim);

        // When
        var outcome = await SimTicks.RunAsync(sim, dir.Path, TickDataset.Trades, windows);

        // Then
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var checkedRows = 0L;
        var above53 = false;
        var withConditions = false;
        foreach (var ticker in windows.Select(w => w.Ticker).Distinct())
        {
            var truth = windows.Where(w => w.Ticker == ticker).OrderBy(w => w.StartNs)
                .SelectMany(w => sim.Truth.Trades(ticker, w.StartNs, w.EndNs - 1)).ToList();
            above53 |= truth.Any(t => t.SipTimestamp > (1L << 53));
            withConditions |= truth.Any(t => t.Conditions is { Count: > 1 });
            Assert.Equal(truth.Select(SimTicks.TradeRow), SimTicks.ReadRows(dir.Path, TickDataset.Trades, ticker));
            checkedRows += truth.Count;
        }

        Assert.True(checkedRows > 1000, $"only {checkedRows} trades compared");
        Assert.True(above53 && withConditions);
        Assert.Equal(checkedRows, outcome.Final.Bars);
    }

    [Fact]
    public async Task Quotes_AllAndSampled_EqualTruthAndReferenceRule()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 12 });
        using var dir = new TempDirectory();
        var windows = Manifest(sim);
        var sampled = TickDataset.SampledQuotes(1);

        // When
        var all = await SimTicks.RunAsync(sim, dir.Path, TickDataset.Quotes, windows);
        var hz = await SimTicks.RunAsync(sim, dir.Path, sampled, windows);

        // Then
        Assert.Equal(ExitCodes.Ok, all.ExitCode);
        Assert.Equal(ExitCodes.Ok, hz.ExitCode);
        long allRows = 0, sampledRows = 0;
        foreach (var ticker in windows.Select(w => w.Ticker).Distinct())
        {
            var bySession = windows.Where(w => w.Ticker == ticker).GroupBy(w => w.SessionDate).OrderBy(g => g.Key).ToList();
            var truth = bySession.SelectMany(g => g.OrderBy(w => w.StartNs).SelectMany(w => sim.Truth.Quotes(ticker, w.StartNs, w.EndNs - 1))).ToList();
            Assert.Equal(truth.Select(SimTicks.QuoteRow), SimTicks.ReadRows(dir.Path, TickDataset.Quotes, ticker));

            // Reference: per session, the last quote of each whole second that has quotes.
            var reference = bySession.SelectMany(g => g.OrderBy(w => w.StartNs)
                .SelectMany(w => sim.Truth.Quotes(ticker, w.StartNs, w.EndNs - 1))
                .GroupBy(q => q.SipTimestamp / 1_000_000_000L)
                .Select(b => b.Last())).ToList();
            Assert.Equal(reference.Select(SimTicks.QuoteRow), SimTicks.ReadRows(dir.Path, sampled, ticker));
            allRows += truth.Count;
            sampledRows += reference.Count;
        }

        Assert.True(sampledRows > 0 && sampledRows < allRows, $"{sampledRows} sampled of {allRows}");
        Assert.Equal(sampledRows, hz.Final.Bars);
    }

    [Fact]
    public async Task Trades_WindowOverFiftyThousand_PagesAndEqualsTruth()
    {
        // Given a busy name and a long window: more than one 50,000-row page
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 13 });
        using var dir = new TempDirectory();
        var window = SimTicks.Window("AAPL", Day1, 9, 30, 16, 0);
        var truth = sim.Truth.Trades("AAPL", window.StartNs, window.EndNs - 1).ToList();
        Assert.True(truth.Count > 50_000, $"AAPL has only {truth.Count} trades in the window");

        // When
        var outcome = await SimTicks.RunAsync(sim, dir.Path, TickDataset.Trades, [window]);

        // Then
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(truth.Select(SimTicks.TradeRow), SimTicks.ReadRows(dir.Path, TickDataset.Trades, "AAPL"));
        Assert.True(sim.RequestLog.CountRecent("/v3/trades") >= 2);
    }

    [Fact]
    public async Task Quotes_ChaosPresetThenRerun_EqualTruth_NoTempFiles()
    {
        // Given the chaos preset (429, 5xx, resets, truncation, null results, delayed) and one retry only
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 14, Chaos = true });
        using var dir = new TempDirectory();
        var windows = Manifest(sim).Take(30).ToList();

        // When: runs until everything settles (each re-run resumes)
        IngestOutcome outcome;
        var runs = 0;
        do
        {
            outcome = await SimTicks.RunAsync(sim, dir.Path, TickDataset.Quotes, windows, maxRetries: 1);
            runs++;
        }
        while (outcome.ExitCode != ExitCodes.Ok && runs < 10);

        // Then
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.True(sim.FaultLog.Total > 0);
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
        foreach (var ticker in windows.Select(w => w.Ticker).Distinct())
        {
            var truth = windows.Where(w => w.Ticker == ticker).OrderBy(w => w.SessionDate).ThenBy(w => w.StartNs)
                .SelectMany(w => sim.Truth.Quotes(ticker, w.StartNs, w.EndNs - 1)).ToList();
            Assert.Equal(truth.Select(SimTicks.QuoteRow), SimTicks.ReadRows(dir.Path, TickDataset.Quotes, ticker));
        }
    }

    [Fact]
    public async Task Trades_NullResultsOnFirstAndLaterPage_AskedAgain_NothingLost()
    {
        // Given "results": null (no next_url) on the first request and on a later page of a multi-page window
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 18 };
        options.FaultRules.Add(SmallCaps.Simulator.Faults.FaultRule.Parse("null-results:/v3/trades@1"));
        options.FaultRules.Add(SmallCaps.Simulator.Faults.FaultRule.Parse("null-results:/v3/trades@3"));
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var window = SimTicks.Window("AAPL", Day1, 9, 30, 16, 0);

        // When
        var outcome = await SimTicks.RunAsync(sim, dir.Path, TickDataset.Trades, [window], maxWorkers: 1);

        // Then
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(2, sim.FaultLog.Total);
        var truth = sim.Truth.Trades("AAPL", window.StartNs, window.EndNs - 1).Select(SimTicks.TradeRow).ToList();
        Assert.Equal(truth, SimTicks.ReadRows(dir.Path, TickDataset.Trades, "AAPL"));
    }

    [Fact]
    public async Task Quotes_CancelledMidRun_Interrupted_NoTempFiles_RerunEqualsTruth()
    {
        // Given slow pages so the cancel lands mid-run
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 19, SlowDelay = TimeSpan.FromMilliseconds(150) };
        options.FaultRates[SmallCaps.Simulator.Faults.FaultKind.Slow] = 1.0;
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var windows = Manifest(sim).Take(12).ToList();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));

        // When
        var interrupted = await SimTicks.RunAsync(sim, dir.Path, TickDataset.Quotes, windows, maxWorkers: 2, ct: cancel.Token);
        var tempLeft = Directory.EnumerateFiles(dir.Path, "*.tmp", SearchOption.AllDirectories).Count();
        var resumed = await SimTicks.RunAsync(sim, dir.Path, TickDataset.Quotes, windows);

        // Then
        Assert.Equal(ExitCodes.Interrupted, interrupted.ExitCode);
        Assert.Equal(0, tempLeft);
        Assert.Equal(ExitCodes.Ok, resumed.ExitCode);
        var sessions = windows.Select(w => (w.Ticker, w.SessionDate)).Distinct().Count();
        Assert.Equal(sessions, interrupted.Final.Done + interrupted.Final.Empty + resumed.Final.Planned);
        foreach (var ticker in windows.Select(w => w.Ticker).Distinct())
        {
            var truth = windows.Where(w => w.Ticker == ticker).OrderBy(w => w.SessionDate).ThenBy(w => w.StartNs)
                .SelectMany(w => sim.Truth.Quotes(ticker, w.StartNs, w.EndNs - 1)).ToList();
            Assert.Equal(truth.Select(SimTicks.QuoteRow), SimTicks.ReadRows(dir.Path, TickDataset.Quotes, ticker));
        }
    }

    [Fact]
    public async Task Quotes_PlanWithoutQuotes_StopsAtOnceWithOneLine()
    {
        // Given a plan without quotes and many sessions to fetch
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 15, QuotesEntitled = false });
        using var dir = new TempDirectory();
        var windows = Manifest(sim);

        // When
        var outcome = await SimTicks.RunAsync(sim, dir.Path, TickDataset.Quotes, windows, maxWorkers: 2);

        // Then: exit 3, a single clear reason, a handful of requests (not one per task, no retries)
        Assert.Equal(ExitCodes.KeyRejected, outcome.ExitCode);
        Assert.Contains("plan does not include quotes", outcome.FatalError, StringComparison.Ordinal);
        Assert.True(sim.RequestLog.CountRecent("/v3/quotes") <= 2, string.Join(" ; ", sim.RequestLog.Recent));
        using var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System);
        Assert.DoesNotContain(ledger.Tasks("quotes"), t => t.State == TaskState.Done);
    }

    [Fact]
    public async Task Trades_Rerun_FetchesNothingAgain_AndUnknownTickerIsNotFound()
    {
        // Given a first complete run including a ticker the vendor does not know
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 16 });
        using var dir = new TempDirectory();
        var windows = Manifest(sim).Take(6).Append(SimTicks.Window("ZZZZQ", Day1, 10, 0, 10, 30)).ToList();
        var first = await SimTicks.RunAsync(sim, dir.Path, TickDataset.Trades, windows);
        var before = sim.RequestLog.CountRecent("/v3/trades");

        // When
        var second = await SimTicks.RunAsync(sim, dir.Path, TickDataset.Trades, windows);

        // Then
        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal(1, first.Final.NotFound);
        Assert.Equal(0, second.Final.Planned);
        Assert.Equal(before, sim.RequestLog.CountRecent("/v3/trades"));
    }

    [Fact]
    public async Task Trades_SessionOfToday_NotFetchedUntilItsDayIsOver()
    {
        // Given 15:00 New York on Day1: the 09:40-10:05 window of Day1 is over, the session is not
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 16 });
        using var dir = new TempDirectory();
        var windows = SimTicks.ActiveCommonStocks(sim, Day1, 2).Select(t => SimTicks.Window(t, Day1, 9, 40, 10, 5)).ToList();
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 3, 15, 19, 0, 0, TimeSpan.Zero));

        // When: a run that day, then one just after midnight New York
        var sameDay = await SimTicks.RunAsync(sim, dir.Path, TickDataset.Trades, windows, clock: clock);
        var asked = sim.RequestLog.CountRecent("/v3/trades");
        clock.Advance(TimeSpan.FromHours(9));
        var nextDay = await SimTicks.RunAsync(sim, dir.Path, TickDataset.Trades, windows, clock: clock);

        // Then: nothing asked or settled that day; the next day's run fetches both sessions whole
        Assert.Equal((ExitCodes.Ok, 0, 0), (sameDay.ExitCode, sameDay.Final.Planned, asked));
        Assert.Equal((ExitCodes.Ok, 2, 2), (nextDay.ExitCode, nextDay.Final.Planned, nextDay.Final.Done));
        foreach (var w in windows)
        {
            Assert.Equal(sim.Truth.Trades(w.Ticker, w.StartNs, w.EndNs - 1).Select(SimTicks.TradeRow), SimTicks.ReadRows(dir.Path, TickDataset.Trades, w.Ticker));
        }
    }

    [Fact]
    public async Task Trades_SessionEnrolledWithOtherWindows_LedgerKeepsTheWindowsFetched()
    {
        // Given a session that failed under manifest A (10:00-10:30), now asked by manifest B (10:00-11:00)
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 16 });
        using var dir = new TempDirectory();
        var ticker = SimTicks.ActiveCommonStocks(sim, Day1, 1)[0];
        var a = new[] { SimTicks.Window(ticker, Day1, 10, 0, 10, 30) };
        var b = new[] { SimTicks.Window(ticker, Day1, 10, 0, 11, 0) };
        using (var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System))
        using (var tx = ledger.Begin())
        {
            var id = tx.EnsureTask(new TaskKey("trades", ticker, Day1, Day1), adjusted: false, timespan: WindowFingerprint.Of(TickKind.Trades, a));
            tx.SetState(id, TaskState.Failed, "HTTP 503");
            tx.Commit();
        }

        // When
        var outcome = await SimTicks.RunAsync(sim, dir.Path, TickDataset.Trades, b);

        // Then: the ledger holds B's windows, so B is not warned about and A is
        Assert.Equal(1, outcome.Final.Done);
        using var after = SqliteLedger.Open(dir.Path, TimeProvider.System);
        var known = after.Tasks("trades");
        Assert.Equal(WindowFingerprint.Of(TickKind.Trades, b), Assert.Single(known).Timespan);
        Assert.Empty(TickPlanner.ChangedSinceSettled(TickDataset.Trades, b, known));
        Assert.Single(TickPlanner.ChangedSinceSettled(TickDataset.Trades, a, known));
    }

    private static List<ManifestWindow> Manifest(SimulatorHost sim)
    {
        var windows = new List<ManifestWindow>();
        var names = SimTicks.ActiveCommonStocks(sim, Day1, 20);
        Assert.Equal(20, names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var t = names[i];
            windows.Add(SimTicks.Window(t, Day1, 9, 40, 10, 5));
            if (i % 2 == 0)
            {
                windows.Add(SimTicks.Window(t, Day1, 15, 50, 16, 0));
                windows.Add(SimTicks.Window(t, Day1, 19, 45, 20, 0));
            }

            if (i % 3 == 0)
            {
                windows.Add(SimTicks.Window(t, Day2, 4, 0, 4, 30));
                windows.Add(SimTicks.Window(t, Day2, 11, 0, 11, 20));
            }
        }

        return windows;
    }
}
