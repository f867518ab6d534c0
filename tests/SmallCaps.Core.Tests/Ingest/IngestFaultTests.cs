using System.Diagnostics;
using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Faults;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ingest;

public sealed class IngestFaultTests
{
    [Fact]
    public async Task TaskFailingMidStream_LeavesNoVisibleFile_AndIsRedoneOnRerun()
    {
        // Given: a liquid ticker (several pages a year) whose second page fails twice, one retry allowed:
        // the task has a page in its temp file when it gives up; the end-of-run attempt fails twice too.
        var options = new SimulatorOptions { UniverseSize = 400, Seed = 41 };
        options.FaultRules.Add(FaultRule.Parse("500:/v2/aggs@2+4"));
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        const string ticker = "AAPL";
        Assert.True(sim.Truth.Bars(ticker, SmallCaps.Simulator.Truth.SimDataset.MinuteBars, new LocalDate(2020, 1, 1), new LocalDate(2020, 6, 30)).Count() > 50_000);
        var from = new LocalDate(2020, 1, 1);
        var to = new LocalDate(2020, 6, 30);

        // When
        var failed = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Minute, [ticker], from, to, maxWorkers: 1, maxRetries: 1);

        // Then
        Assert.Equal(ExitCodes.SomeFailed, failed.ExitCode);
        Assert.StartsWith("AAPL 2020-01-01..2020-06-30: ", failed.FirstFailure, StringComparison.Ordinal); // ISO dates, not the culture's long form
        Assert.Equal((0, 0L), (failed.Final.Done, failed.Final.Bars)); // the first page's bars went with the temp file
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.parquet", SearchOption.AllDirectories));
        Assert.Empty(LakeRows.TempFiles(dir.Path));
        using (var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System))
        {
            var task = Assert.Single(ledger.Tasks("bars_1m"));
            Assert.Equal(TaskState.Failed, task.State);
            Assert.Contains("500", task.LastError);
        }

        var redone = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Minute, [ticker], from, to, maxWorkers: 1);
        Assert.Equal(ExitCodes.Ok, redone.ExitCode);
        Assert.Equal(sim.Truth.Bars(ticker, SmallCaps.Simulator.Truth.SimDataset.MinuteBars, from, to).Count(), redone.Final.Bars);
        SimIngest.AssertEqualsTruth(sim, dir.Path, BarDataset.Minute, ticker, from, to);
    }

    [Fact]
    public async Task TaskFailingOnATransientError_IsAskedAgainAtTheEndOfTheRun_AndEndsDone()
    {
        // Given: the same ticker's second page fails twice with one retry allowed, as in a short outage
        var options = new SimulatorOptions { UniverseSize = 400, Seed = 41 };
        options.FaultRules.Add(FaultRule.Parse("500:/v2/aggs@2+2"));
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var from = new LocalDate(2020, 1, 1);
        var to = new LocalDate(2020, 6, 30);

        // When
        var outcome = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Minute, ["AAPL"], from, to, maxWorkers: 1, maxRetries: 1);

        // Then: no failure left, the lake equals the truth, and the ledger counts both attempts
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal((1, 1, 0), (outcome.Final.Finished, outcome.Final.Done, outcome.Final.Failed));
        Assert.Null(outcome.FirstFailure);
        SimIngest.AssertEqualsTruth(sim, dir.Path, BarDataset.Minute, "AAPL", from, to);
        using var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System);
        var task = Assert.Single(ledger.Tasks("bars_1m"));
        Assert.Equal(TaskState.Done, task.State);
        Assert.Equal(2, task.Attempts);
    }

    [Fact]
    public async Task KeyLimitedToTwentyPerSecond_FewerThanOnePercent429_ThroughputNearLimit()
    {
        // Given: the vendor allows 20 req/s for the key; the run is configured for the same
        const double limit = 20;
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 42, RateLimitPerSecond = limit });
        using var dir = new TempDirectory();
        var tickers = SimIngest.CommonStocks(sim, 120);

        // When
        var clock = Stopwatch.StartNew();
        var outcome = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, new LocalDate(2023, 1, 1), new LocalDate(2023, 3, 31), maxWorkers: 8, rps: limit);
        var seconds = clock.Elapsed.TotalSeconds;

        // Then
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var total = sim.RequestLog.Total;
        Assert.True(sim.RequestLog.RateLimited <= Math.Max(1, total / 100), $"{sim.RequestLog.RateLimited} of {total} were 429");
        var rate = (total - limit) / Math.Max(seconds - 1, 0.001);
        Assert.True(rate >= limit * 0.7 && rate <= limit * 1.15, $"{rate:F1} req/s for a limit of {limit}");
    }
}
