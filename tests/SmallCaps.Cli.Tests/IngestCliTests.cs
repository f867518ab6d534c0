using System.Globalization;
using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Faults;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests;

public sealed class IngestCliTests
{
    private const string Secret = "SeCrEt-KeY-0123456789";

    [Fact]
    public async Task IngestDaily_WithForeignNextUrlFaults_KeyNeverWrittenPrintedOrSentAbroad()
    {
        // Given: a simulator whose key is a recognisable secret, some pages pointing at a foreign host
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 21, ApiKey = Secret };
        options.FaultRules.Add(FaultRule.Parse("foreign-next-url:/v2/aggs@2"));
        options.FaultRules.Add(FaultRule.Parse("500:/v2/aggs@4"));
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var tickers = CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 6));
        var outdir = dir.Combine("lake");

        // When: key given on the command line, and again from the environment
        var first = await CliHarness.RunAsync(["ingest-minute", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2024-01-01", "--to", "2024-03-31", "--api-key", Secret, "--base-url", sim.BaseUrl.ToString()]);
        var second = await CliHarness.RunAsync(
            ["ingest-daily", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2024-01-01", "--to", "2024-03-31", "--base-url", sim.BaseUrl.ToString()],
            new Dictionary<string, string?> { ["MASSIVE_API_KEY"] = Secret });

        // Then
        Assert.Contains(first.ExitCode, new[] { ExitCodes.Ok, ExitCodes.SomeFailed });
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Equal(0, sim.RequestLog.ForeignHostRequestsWithKey);
        foreach (var text in new[] { first.Out, first.Error, second.Out, second.Error })
        {
            Assert.DoesNotContain(Secret, text);
        }

        foreach (var file in Directory.EnumerateFiles(outdir, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Secret)) < 0, $"key found in {file}");
        }
    }

    [Fact]
    public async Task IngestDaily_OutdirHeldByAnotherRun_ExitFourNamingHolder()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 22 });
        using var dir = new TempDirectory();
        var tickers = CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 2));
        var outdir = dir.Combine("lake");
        using var held = OutdirLock.Acquire(outdir, TimeProvider.System);

        var result = await CliHarness.RunAsync(["ingest-daily", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2024-01-01", "--to", "2024-03-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString()]);

        Assert.Equal(ExitCodes.OutdirLocked, result.ExitCode);
        Assert.Contains($"pid {Environment.ProcessId}", result.Error);
    }

    [Fact]
    public async Task IngestMinute_Cancelled_Exit130_NoTempNoRunning_ThenResumesToTruth()
    {
        // Given: every page slow (12 tasks on 3 workers take well over a second) so the cancel lands mid-run
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 23, SlowDelay = TimeSpan.FromMilliseconds(300) };
        options.FaultRates[FaultKind.Slow] = 1.0;
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var names = CliHarness.CommonStocks(sim, 6);
        var tickers = CliHarness.WriteTickers(dir.Path, names);
        var outdir = dir.Combine("lake");
        string[] args = ["ingest-minute", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2023-06-01", "--to", "2024-02-29", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "3"];

        // When
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        var interrupted = await CliHarness.RunAsync(args, ct: cts.Token);

        // Then
        Assert.Equal(ExitCodes.Interrupted, interrupted.ExitCode);
        Assert.Empty(CliHarness.TempFiles(outdir));
        using (var ledger = SqliteLedger.Open(outdir, TimeProvider.System))
        {
            Assert.DoesNotContain(ledger.Tasks("bars_1m"), t => t.State == TaskState.Running);
        }

        var resumed = await CliHarness.RunAsync(args);
        Assert.Equal(ExitCodes.Ok, resumed.ExitCode);
        foreach (var t in names)
        {
            CliHarness.AssertLakeEqualsTruth(sim, outdir, "bars_1m", t, new LocalDate(2023, 6, 1), new LocalDate(2024, 2, 29));
        }
    }

    [Fact]
    public async Task IngestDaily_LakeReadByDuckDbReadmeQuery_MatchesTruth()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 24 });
        using var dir = new TempDirectory();
        var names = CliHarness.CommonStocks(sim, 8);
        var tickers = CliHarness.WriteTickers(dir.Path, names);
        var outdir = dir.Combine("lake");
        var result = await CliHarness.RunAsync(["ingest-daily", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2020-01-01", "--to", "2023-12-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString()]);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);

        // When: the README's whole-lake DuckDB line
        var rows = await DailyBarsByDuckDbAsync(outdir);

        // Then
        foreach (var t in names)
        {
            var expected = sim.Truth.Bars(t, SmallCaps.Simulator.Truth.SimDataset.DayBars, new LocalDate(2020, 1, 1), new LocalDate(2023, 12, 31)).Count();
            if (expected == 0)
            {
                Assert.False(rows.ContainsKey(t));
                continue;
            }

            Assert.Equal((expected, expected), rows[t]);
        }
    }

    [Fact]
    public async Task IngestDaily_NightlyRuns_OneFilePerTickerAndDuckDbSeesEveryBarOnce()
    {
        // Given: a first run, then two scheduled runs that each move --to a few days on
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 24 });
        using var dir = new TempDirectory();
        var names = CliHarness.CommonStocks(sim, 40).Where(t => sim.Truth.Bars(t, SmallCaps.Simulator.Truth.SimDataset.DayBars, new LocalDate(2023, 12, 1), new LocalDate(2024, 1, 10)).Count() > 20).Take(4).ToList();
        Assert.Equal(4, names.Count);
        var tickers = CliHarness.WriteTickers(dir.Path, names);
        var outdir = dir.Combine("lake");
        var runs = new List<CliHarness.Result>();

        // When
        foreach (var to in new[] { "2023-12-29", "2024-01-03", "2024-01-10" })
        {
            runs.Add(await CliHarness.RunAsync(["ingest-daily", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2023-06-01", "--to", to, "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString()]));
        }

        // Then: every later run merges each ticker's two files into one (a daily partition is small), and says so
        Assert.All(runs, r => Assert.Equal(ExitCodes.Ok, r.ExitCode));
        Assert.DoesNotContain("merged", runs[0].Out);
        Assert.Contains("merged     8 files into 4", runs[1].Out);
        Assert.Contains("merged     8 files into 4", runs[2].Out);
        foreach (var t in names)
        {
            var file = Assert.Single(Directory.GetFiles(Path.Combine(outdir, "bars_1d", $"ticker={t}")));
            Assert.Equal("part-20230601-20240110.parquet", Path.GetFileName(file));
        }

        var rows = await DailyBarsByDuckDbAsync(outdir);
        foreach (var t in names)
        {
            var expected = sim.Truth.Bars(t, SmallCaps.Simulator.Truth.SimDataset.DayBars, new LocalDate(2023, 6, 1), new LocalDate(2024, 1, 10)).Count();
            Assert.Equal((expected, expected), rows[t]);
        }
    }

    // Bars and distinct timestamps per ticker of the daily lake, counted by DuckDB with the README's whole-lake glob.
    private static async Task<Dictionary<string, (long Bars, long DistinctT)>> DailyBarsByDuckDbAsync(string outdir)
    {
        var lake = outdir.Replace('\\', '/');
        var json = await NodeOracle.RunScriptAsync("duckdb-query.mjs", [$"SELECT ticker, count(*) AS bars, count(DISTINCT t) AS distinct_t FROM read_parquet('{lake}/bars_1d/*/*.parquet', hive_partitioning=false) GROUP BY ticker ORDER BY ticker"]);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("ticker").GetString()!, r => (long.Parse(r.GetProperty("bars").GetString()!, CultureInfo.InvariantCulture), long.Parse(r.GetProperty("distinct_t").GetString()!, CultureInfo.InvariantCulture)));
    }
}
