using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ticks;

public sealed class TicksCliTests
{
    [Fact]
    public async Task IngestTradesAndQuotes_FromEventsThroughManifest_EqualTruth()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 21 });
        using var dir = new TempDirectory();
        var names = TickLake.ActiveNames(sim, 5);
        var manifest = dir.Combine("manifest.parquet");
        var made = await CliHarness.RunAsync(["manifest", "--events", TickLake.WriteEvents(dir.Path, names), "--out", manifest, "--before", "5m", "--after", "15m"]);
        var outdir = dir.Combine("lake");
        string[] common = ["--manifest", manifest, "--outdir", outdir, "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString()];

        // When
        var trades = await CliHarness.RunAsync(["ingest-trades", .. common]);
        var quotes = await CliHarness.RunAsync(["ingest-quotes", .. common]);
        var sampled = await CliHarness.RunAsync(["ingest-quotes", .. common, "--quotes-hz", "1"]);

        // Then
        Assert.Equal(0, made.ExitCode);
        Assert.True(trades.ExitCode == 0, trades.Error + trades.Out);
        Assert.Equal(0, quotes.ExitCode);
        Assert.Equal(0, sampled.ExitCode);
        Assert.Contains("  trades ", trades.Out, StringComparison.Ordinal);
        Assert.Contains("  quotes ", quotes.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("  bars ", quotes.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(sim.ApiKey, trades.Out + trades.Error, StringComparison.Ordinal);
        foreach (var t in names)
        {
            Assert.Equal(TickLake.Trades(sim, t), TickLake.ReadTrades(outdir, t));
            Assert.Equal(TickLake.Quotes(sim, t), TickLake.ReadQuotes(outdir, "quotes", t));
            Assert.Equal(TickLake.Quotes(sim, t, 1_000_000_000L), TickLake.ReadQuotes(outdir, "quotes_1hz", t));
        }
    }

    [Fact]
    public async Task IngestTrades_ManifestChangesFetchedSession_WarnsItIsKeptAndHowToRefetch()
    {
        // Given: one session fetched, then the manifest widened around it
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 21 });
        using var dir = new TempDirectory();
        var events = TickLake.WriteEvents(dir.Path, TickLake.ActiveNames(sim, 1));
        var manifest = dir.Combine("manifest.csv");
        string[] common = ["ingest-trades", "--manifest", manifest, "--outdir", dir.Combine("lake"), "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString()];
        await CliHarness.RunAsync(["manifest", "--events", events, "--out", manifest, "--before", "5m", "--after", "15m"]);
        var first = await CliHarness.RunAsync(common);
        await CliHarness.RunAsync(["manifest", "--events", events, "--out", manifest, "--before", "30m", "--after", "1h"]);

        // When
        var second = await CliHarness.RunAsync(common);

        // Then: the warning (also on stderr) is in the run's log
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var log = string.Concat(Directory.GetFiles(dir.Combine("lake", Core.Lake.LakeLayout.LogsFolder)).Select(File.ReadAllText));
        Assert.Contains("1 sessions were fetched earlier with other windows than this manifest gives them", log, StringComparison.Ordinal);
        Assert.Contains("To fetch this manifest's windows for them, run it with a new --outdir", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestQuotes_PlanWithoutQuotes_Exit3_OneClearLine()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 22, QuotesEntitled = false });
        using var dir = new TempDirectory();
        var manifest = dir.Combine("manifest.csv");
        await CliHarness.RunAsync(["manifest", "--events", TickLake.WriteEvents(dir.Path, TickLake.ActiveNames(sim, 8)), "--out", manifest]);

        // When
        var result = await CliHarness.RunAsync(["ingest-quotes", "--manifest", manifest, "--outdir", dir.Combine("lake"), "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "2"]);

        // Then
        Assert.Equal(3, result.ExitCode);
        var errors = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.Contains("plan does not include quotes", Assert.Single(errors), StringComparison.Ordinal);
        Assert.True(sim.RequestLog.CountRecent("/v3/quotes") <= 2);

        // The summary counts what the ledger holds, and the run's log ends saying why it stopped and how
        using (var ledger = Core.Ledger.SqliteLedger.Open(dir.Combine("lake"), TimeProvider.System))
        {
            var refused = ledger.Tasks("quotes").Count(t => t.State == Core.Ledger.TaskState.NotEntitled);
            Assert.True(refused > 0);
            Assert.Contains($"not-entitled {refused},", result.Out, StringComparison.Ordinal);
        }

        var log = File.ReadAllLines(Assert.Single(Directory.GetFiles(dir.Combine("lake", Core.Lake.LakeLayout.LogsFolder))));
        Assert.EndsWith($"error: {errors[0]["error: ".Length..]}", log[^2], StringComparison.Ordinal);
        Assert.EndsWith("exit 3", log[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestTrades_ManifestSessionInTheFuture_LeftForALaterRunWithANotice()
    {
        // Given a manifest with a past session and one in 2099
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 21 });
        using var dir = new TempDirectory();
        var ticker = TickLake.ActiveNames(sim, 1)[0];
        var past = new NodaTime.LocalDate(2024, 3, 15);
        var future = new NodaTime.LocalDate(2099, 1, 6);
        var manifest = dir.Combine("manifest.csv");
        await File.WriteAllTextAsync(manifest, $"ticker,session_date,start_ns,end_ns\n{ticker},2024-03-15,{Ns(past, 10)},{Ns(past, 11)}\n{ticker},2099-01-06,{Ns(future, 10)},{Ns(future, 11)}\n");
        var outdir = dir.Combine("lake");

        // When
        var result = await CliHarness.RunAsync(["ingest-trades", "--manifest", manifest, "--outdir", outdir, "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString()]);

        // Then: one notice; the future session is neither asked nor settled, so a later run fetches it
        Assert.Equal(0, result.ExitCode);
        var notice = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("notice: 1 manifest sessions are today (", notice, StringComparison.Ordinal);
        Assert.Contains($"(first: {ticker} 2099-01-06)", notice, StringComparison.Ordinal);
        using var ledger = Core.Ledger.SqliteLedger.Open(outdir, TimeProvider.System);
        var task = Assert.Single(ledger.Tasks("trades"));
        Assert.Equal((past, Core.Ledger.TaskState.Done), (task.Key.WindowStart, task.State));
        Assert.DoesNotContain(sim.RequestLog.Recent, r => r.Contains(Ns(future, 10).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Contains(sim.RequestLog.Recent, r => r.Contains(Ns(past, 10).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        static long Ns(NodaTime.LocalDate day, int hour) => Core.Calendar.NewYorkTime.ToUnixNanoseconds(day.At(new NodaTime.LocalTime(hour, 0)));
    }

    [Fact]
    public async Task IngestTrades_BadManifest_Exit2_NothingCreated()
    {
        // Given
        using var dir = new TempDirectory();
        var manifest = dir.Combine("manifest.csv");
        await File.WriteAllTextAsync(manifest, "ticker,session_date,start_ns,end_ns\nABC,2024-03-15,12,x\n");
        var outdir = dir.Combine("lake");

        // When
        var result = await CliHarness.RunAsync(["ingest-trades", "--manifest", manifest, "--outdir", outdir, "--api-key", "k"]);

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(":2: end_ns \"x\"", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outdir));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1e-300")]
    [InlineData("0.0000001")]
    [InlineData("1.0000001")]
    [InlineData("1,5")]
    [InlineData("1,000")]
    [InlineData("abc")]
    public async Task IngestQuotes_BadHz_Exit2(string hz)
    {
        // Given
        using var dir = new TempDirectory();
        var manifest = dir.Combine("manifest.csv");
        await CliHarness.RunAsync(["manifest", "--events", TickLake.WriteEvents(dir.Path, ["ABC"]), "--out", manifest]);

        // When
        var result = await CliHarness.RunAsync(["ingest-quotes", "--manifest", manifest, "--outdir", dir.Combine("lake"), "--api-key", "k", "--quotes-hz", hz]);

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --quotes-hz", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("lake")));
    }
}
