using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ingest;

/// <summary>Windows outside the API plan: reported once (exit 3), then skipped, so a nightly run is not a failure every night.</summary>
public sealed class NotEntitledCliTests
{
    [Fact]
    public async Task IngestMinute_HistoryBeyondThePlan_Exit3OnceThenSkippedUntilRetryAsked()
    {
        // Given: a plan with minute history from 2024 only
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 9, MinuteHistoryFrom = new LocalDate(2024, 1, 1) });
        using var dir = new TempDirectory();
        var outdir = dir.Combine("lake");
        string[] run = ["ingest-minute", "--tickers-csv", CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 2)), "--outdir", outdir, "--from", "2023-01-01", "--to", "2024-03-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString()];

        // When
        var first = await CliHarness.RunAsync(run);
        var requestsAfterFirst = sim.RequestLog.Total;
        var nightly = await CliHarness.RunAsync(run);
        var requestsOfNightly = sim.RequestLog.Total - requestsAfterFirst;
        var retry = await CliHarness.RunAsync([.. run, "--retry-not-entitled"]);

        // Then
        Assert.Equal(ExitCodes.KeyRejected, first.ExitCode);
        Assert.Contains("done, except 2 windows outside the API plan", first.Out);
        Assert.True(nightly.ExitCode == ExitCodes.Ok, nightly.Out + nightly.Error);
        Assert.Contains("0 planned", nightly.Out);
        Assert.True(requestsOfNightly <= 1, $"{requestsOfNightly} requests (at most the split check)");
        var nightlyLog = Directory.GetFiles(Path.Combine(outdir, "_logs"), "bars_1m-*.log").Order().Select(File.ReadAllText).ToList();
        Assert.Contains(nightlyLog, l => l.Contains("2 windows an earlier run found outside the API plan are skipped", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.KeyRejected, retry.ExitCode);
        Assert.Contains("2 planned", retry.Out);
    }
}
