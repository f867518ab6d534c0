using SmallCaps.Cli.Tests.Runs;
using SmallCaps.Core.Ingest;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ingest;

/// <summary>What the lake already holds is checked before the run opens its log or takes its lock; warnings are said once.</summary>
public sealed class LakeStateCliTests
{
    [Fact]
    public async Task IngestDaily_LedgerNotADatabase_ExitTwoNamingItNoLockNoLog()
    {
        // Given
        using var dir = new TempDirectory();
        var outdir = dir.Combine("lake");
        var ledger = Path.Combine(outdir, "_ledger", "ledger.db");
        Directory.CreateDirectory(Path.GetDirectoryName(ledger)!);
        File.WriteAllText(ledger, new string('x', 4096));
        var tickers = CliHarness.WriteTickers(dir.Path, ["AAPL"]);
        string[] options = ["--tickers-csv", tickers, "--outdir", outdir, "--from", "2024-01-02", "--to", "2024-01-05", "--api-key", "k", "--base-url", "http://127.0.0.1:9/"];

        // When: in the foreground and through launch
        var foreground = await CliHarness.RunAsync(["ingest-daily", .. options]);
        var launched = await ToolProcess.RunAsync(["launch", "ingest-daily", .. options, "--workdir", dir.Combine("wd")]);

        // Then
        foreach (var result in new[] { (foreground.ExitCode, foreground.Error), (launched.ExitCode, launched.Error) })
        {
            Assert.Equal(ExitCodes.BadInput, result.ExitCode);
            Assert.StartsWith($"error: {ledger} is not a readable ledger", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        }

        Assert.Equal(["ledger.db"], Directory.GetFiles(Path.GetDirectoryName(ledger)!).Select(Path.GetFileName));
        Assert.False(Directory.Exists(Path.Combine(outdir, "_logs")));
        Assert.False(Directory.Exists(dir.Combine("wd")));
    }

    [Fact]
    public async Task IngestDaily_RepeatedTicker_WarnedOnceOnStderr()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 7 });
        using var dir = new TempDirectory();
        var ticker = CliHarness.CommonStocks(sim, 1)[0];
        var tickers = CliHarness.WriteTickers(dir.Path, [ticker, ticker]);

        // When: the real process, whose log sink also writes warnings to stderr
        var result = await ToolProcess.RunAsync("ingest-daily", "--tickers-csv", tickers, "--outdir", dir.Combine("lake"), "--from", "2024-01-02", "--to", "2024-01-05", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString());

        // Then
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Single(result.Error.Split('\n'), l => l.Contains("duplicate ticker", StringComparison.Ordinal));
        Assert.Contains("duplicate ticker", File.ReadAllText(Assert.Single(Directory.GetFiles(dir.Combine("lake", "_logs")))));
    }
}
