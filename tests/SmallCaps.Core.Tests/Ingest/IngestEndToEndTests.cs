using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ingest;

// Issue #4's sizes: 50 tickers x 5 years, daily and minute (the minute one runs in well under a minute on 2 cores).
public sealed class IngestEndToEndTests
{
    private static readonly LocalDate From = new(2019, 1, 1);
    private static readonly LocalDate To = new(2023, 12, 31);

    [Fact]
    public async Task Daily_FiftyTickersFiveYears_EqualsGroundTruth()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 11 });
        using var dir = new TempDirectory();
        var tickers = SimIngest.CommonStocks(sim, 50);

        // When
        var outcome = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, From, To);

        // Then
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(50, outcome.Final.Done + outcome.Final.Empty);
        foreach (var t in tickers)
        {
            SimIngest.AssertEqualsTruth(sim, dir.Path, BarDataset.Daily, t, From, To);
        }

        Assert.Empty(LakeRows.TempFiles(dir.Path));
    }

    [Fact]
    public async Task Minute_FiftyTickersFiveYears_EqualsGroundTruth()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 15 });
        using var dir = new TempDirectory();
        var tickers = SimIngest.CommonStocks(sim, 50);

        // When
        var outcome = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Minute, tickers, From, To);

        // Then: every bar of every ticker-year, row by row, and nothing left behind
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(50 * 5, outcome.Final.Done + outcome.Final.Empty);
        foreach (var t in tickers)
        {
            SimIngest.AssertEqualsTruth(sim, dir.Path, BarDataset.Minute, t, From, To);
        }

        Assert.Empty(LakeRows.TempFiles(dir.Path));
    }

    [Fact]
    public async Task Minute_AcrossDstAndYears_EqualsGroundTruthWithNewYorkSessionDates()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 12 });
        using var dir = new TempDirectory();
        var tickers = SimIngest.CommonStocks(sim, 4);
        var from = new LocalDate(2021, 10, 1);
        var to = new LocalDate(2022, 3, 31);

        var outcome = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Minute, tickers, from, to);

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        foreach (var t in tickers)
        {
            SimIngest.AssertEqualsTruth(sim, dir.Path, BarDataset.Minute, t, from, to);
        }

        // Post-market bars (after 19:00 New York) are the next day in UTC; their session_date must not be.
        var rows = tickers.SelectMany(t => LakeRows.Read(dir.Path, BarDataset.Minute, t)).ToList();
        Assert.Contains(rows, r => DateTimeOffset.FromUnixTimeMilliseconds(r.T).UtcDateTime.Date > new DateTime(1970, 1, 1).AddDays(r.SessionDay));
    }

    [Fact]
    public async Task Rerun_SameRange_FetchesNothing_AndExtendingToFetchesOnlyNewRange()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 13 });
        using var dir = new TempDirectory();
        var tickers = SimIngest.CommonStocks(sim, 5);
        var mid = new LocalDate(2021, 6, 30);
        await SimIngest.RunAsync(sim, dir.Path, BarDataset.Minute, tickers, new LocalDate(2021, 1, 1), mid);
        var barRequests = sim.RequestLog.CountRecent("/v2/aggs/");

        // When: same range again
        var again = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Minute, tickers, new LocalDate(2021, 1, 1), mid);

        // Then: nothing planned, no bar request (the run only asks for splits executed since the first)
        Assert.Equal(0, again.Final.Planned);
        Assert.Equal(barRequests, sim.RequestLog.CountRecent("/v2/aggs/"));

        // When: --to extended into the next year
        var end = new LocalDate(2022, 2, 15);
        var extended = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Minute, tickers, new LocalDate(2021, 1, 1), end);

        // Then: only the new windows, and the lake equals the truth without a duplicate bar
        Assert.Equal(tickers.Count * 2, extended.Final.Planned);
        foreach (var t in tickers)
        {
            SimIngest.AssertEqualsTruth(sim, dir.Path, BarDataset.Minute, t, new LocalDate(2021, 1, 1), end);
        }
    }

    [Fact]
    public async Task Chaos_FaultsEverywhere_ExactGroundTruthAfterResume()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 14, Chaos = true, SlowDelay = TimeSpan.FromMilliseconds(20) });
        using var dir = new TempDirectory();
        var tickers = SimIngest.CommonStocks(sim, 20);

        var outcome = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, From, To);
        for (var i = 0; i < 3 && outcome.ExitCode != ExitCodes.Ok; i++)
        {
            outcome = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, From, To);
        }

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.True(sim.FaultLog.Total > 0);
        foreach (var t in tickers)
        {
            SimIngest.AssertEqualsTruth(sim, dir.Path, BarDataset.Daily, t, From, To);
        }
    }

    [Fact]
    public async Task UnknownTicker_NotFound_AndBadKey_ExitThree()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 15 });
        using var dir = new TempDirectory();

        var missing = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, ["ZZZZQX"], From, To);
        var badKey = await SimIngest.RunAsync(sim, dir.Path + "-k", BarDataset.Daily, SimIngest.CommonStocks(sim, 3), From, To, key: "wrong-key");

        Assert.Equal(1, missing.Final.NotFound);
        Assert.Equal(ExitCodes.Ok, missing.ExitCode);
        Assert.Equal(ExitCodes.KeyRejected, badKey.ExitCode);
        Assert.NotNull(badKey.FatalError);
        Assert.DoesNotContain("wrong-key", badKey.FatalError);
        Directory.Delete(dir.Path + "-k", recursive: true);
    }

    [Fact]
    public async Task MinuteHistoryNotEntitled_MarksWindowsNotEntitled_WithoutHammering()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 16, MinuteHistoryFrom = new LocalDate(2022, 1, 1) });
        using var dir = new TempDirectory();
        var tickers = SimIngest.CommonStocks(sim, 10);

        var outcome = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Minute, tickers, new LocalDate(2021, 12, 1), new LocalDate(2022, 1, 10), maxWorkers: 1);

        Assert.Equal(ExitCodes.KeyRejected, outcome.ExitCode);
        Assert.Equal(10, outcome.Final.NotEntitled);
        Assert.True(sim.RequestLog.Total < 10 + 10 * 2, $"requests {sim.RequestLog.Total}");
        using var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System);
        Assert.All(ledger.Tasks("bars_1m").Where(t => t.Key.WindowStart.Year == 2021), t => Assert.Equal(TaskState.NotEntitled, t.State));
    }
}
