using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ingest;

/// <summary>Every run that opens a log in the outdir gets its own file, and the file says how the run ended.</summary>
public sealed class RunLogCliTests
{
    private static List<string[]> Logs(string outdir, string name) =>
        [.. Directory.GetFiles(Path.Combine(outdir, LakeLayout.LogsFolder), $"{name}-*.log").Order(StringComparer.Ordinal).Select(File.ReadAllLines)];

    [Fact]
    public async Task IngestDaily_RefusedForAdjustedMismatch_LogEndsWithTheReasonAndExitTwo()
    {
        // Given: adjusted daily bars in the lake
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 48 });
        using var dir = new TempDirectory();
        var outdir = dir.Combine("lake");
        string[] ingest = ["ingest-daily", "--tickers-csv", CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 1)), "--outdir", outdir, "--from", "2024-01-02", "--to", "2024-01-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString()];
        Assert.Equal(ExitCodes.Ok, (await CliHarness.RunAsync(ingest)).ExitCode);

        // When: raw bars asked of the same outdir, in the same second or the next
        var refused = await CliHarness.RunAsync([.. ingest, "--adjusted", "false"]);

        // Then: two logs; the refused run's ends with the reason and the exit code
        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        var logs = Logs(outdir, "bars_1d");
        Assert.Equal(2, logs.Count);
        Assert.Contains("error: --adjusted false differs from the bars_1d bars already in this outdir", logs[1][^2], StringComparison.Ordinal);
        Assert.EndsWith("exit code 2", logs[1][^1], StringComparison.Ordinal);
        Assert.DoesNotContain(sim.ApiKey, string.Concat(logs.SelectMany(l => l)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestDaily_ToNotCompleteYet_ClampNoticeIsInTheRunLogToo()
    {
        // Given: a --to in the future (the run then stops at the held outdir, before any request)
        using var dir = new TempDirectory();
        var outdir = dir.Combine("lake");
        using var held = OutdirLock.Acquire(outdir, TimeProvider.System);

        // When
        var result = await CliHarness.RunAsync(["ingest-daily", "--tickers-csv", CliHarness.WriteTickers(dir.Path, ["AAPL"]), "--outdir", outdir, "--from", "2024-01-02", "--to", "2099-12-31", "--api-key", "k", "--base-url", "http://127.0.0.1:9/"]);

        // Then: console and log both name the --to asked for and the day used
        Assert.Equal(ExitCodes.OutdirLocked, result.ExitCode);
        Assert.Contains("notice: --to 2099-12-31 is not a complete New York day yet; using ", result.Error, StringComparison.Ordinal);
        var log = Assert.Single(Logs(outdir, "bars_1d"));
        Assert.Contains(log, l => l.Contains("notice: --to 2099-12-31 is not a complete New York day yet; using ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestDaily_OutdirBusyThreeTimesInARow_ThreeLogsEachEndingWithExitFour()
    {
        // Given: another run holds the outdir
        using var dir = new TempDirectory();
        var outdir = dir.Combine("lake");
        using var held = OutdirLock.Acquire(outdir, TimeProvider.System);
        string[] ingest = ["ingest-daily", "--tickers-csv", CliHarness.WriteTickers(dir.Path, ["AAPL"]), "--outdir", outdir, "--from", "2024-01-02", "--to", "2024-01-05", "--api-key", "k", "--base-url", "http://127.0.0.1:9/"];

        // When: back-to-back refusals, most of them inside one second
        var results = new List<CliHarness.Result>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await CliHarness.RunAsync(ingest));
        }

        // Then
        Assert.All(results, r => Assert.Equal(ExitCodes.OutdirLocked, r.ExitCode));
        var logs = Logs(outdir, "bars_1d");
        Assert.Equal(3, logs.Count);
        Assert.All(logs, l => Assert.Contains($"pid {Environment.ProcessId}", l[^2], StringComparison.Ordinal));
        Assert.All(logs, l => Assert.EndsWith("exit code 4", l[^1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestTrades_OutdirBusy_LogEndsWithExitFour()
    {
        // Given
        using var dir = new TempDirectory();
        var outdir = dir.Combine("lake");
        using var held = OutdirLock.Acquire(outdir, TimeProvider.System);
        var manifest = dir.Combine("manifest.csv");
        var (start, end) = Ticks.TickLake.Window();
        File.WriteAllLines(manifest, ["ticker,session_date,start_ns,end_ns", FormattableString.Invariant($"AAPL,{Ticks.TickLake.Day:yyyy-MM-dd},{start},{end}")]);

        // When
        var result = await CliHarness.RunAsync(["ingest-trades", "--manifest", manifest, "--outdir", outdir, "--api-key", "k", "--base-url", "http://127.0.0.1:9/"]);

        // Then
        Assert.True(result.ExitCode == ExitCodes.OutdirLocked, result.Error);
        Assert.EndsWith("exit code 4", Assert.Single(Logs(outdir, "trades"))[^1], StringComparison.Ordinal);
    }
}
