using System.CommandLine;
using SmallCaps.Cli.Commands;
using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Ledger;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests;

public sealed class SelectUniverseCliTests
{
    // Runs the verb the way CliApp does (parse errors and thrown exceptions mapped to exit codes).
    private static async Task<CliHarness.Result> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, Interactive: false);
        var context = new CliContext(console, TimeProvider.System, new Dictionary<string, string?>(), string.Join(' ', args));
        var root = new RootCommand { SelectUniverseCommandFactory.Create(context) };
        var parse = root.Parse(["select-universe", .. args]);
        int code;
        if (parse.Errors.Count > 0)
        {
            code = 2;
            error.WriteLine(parse.Errors[0].Message);
        }
        else
        {
            try
            {
                code = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
            }
            catch (Exception ex)
            {
                code = IngestCommandHandler.ExitCodeFor(ex, error);
            }
        }

        return new CliHarness.Result(code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task SelectUniverse_AgainstSimulator_WritesCsvParquetAndFunnel()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 600, Seed = 21 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var csv = dir.Combine("universe.csv");

        // When
        var result = await RunAsync("--base-url", sim.BaseUrl.ToString(), "--api-key", sim.ApiKey, "--date", "2026-06-30", "--include-delisted",
            "--cap-max", "2B", "--out-csv", csv, "--out-parquet", dir.Combine("universe.parquet"), "--outdir", dir.Combine("lake"), "--max-rps", "5000");

        // Then
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Total snapshot:", result.Out, StringComparison.Ordinal);
        Assert.Contains("market cap < 2,000,000,000", result.Out, StringComparison.Ordinal);
        var tickers = TickerListReader.Read(csv).Tickers;
        Assert.Contains($"Final universe: {tickers.Count:N0} tickers", result.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.Combine("universe.parquet")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "lake", "reference", "tickers", "snapshot_date=2026-06-30", "part-active.parquet")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "lake", "reference", "details", "snapshot_date=2026-06-30", "part-00000.parquet")));
        Assert.DoesNotContain(sim.ApiKey, result.Out + result.Error, StringComparison.Ordinal);

        // The funnel also lands in the lake's run log, for scheduled runs whose stdout goes nowhere.
        var log = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, "lake", "_logs"), "select-universe-*.log")));
        Assert.Contains($"Final universe: {tickers.Count:N0} tickers", log, StringComparison.Ordinal);
        Assert.Contains("exit code 0", log, StringComparison.Ordinal);
        Assert.DoesNotContain(sim.ApiKey, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelectUniverse_OutdirHeldByAnotherRun_ExitsFourNamingTheHolderAndWritesNothing()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 200, Seed = 24 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var lake = dir.Combine("lake");
        var csv = dir.Combine("universe.csv");
        using var held = OutdirLock.Acquire(lake, TimeProvider.System);

        // When
        var result = await RunAsync("--base-url", sim.BaseUrl.ToString(), "--api-key", sim.ApiKey, "--out-csv", csv, "--outdir", lake, "--corporate-actions", "--max-rps", "5000");

        // Then
        Assert.Equal(ExitCodes.OutdirLocked, result.ExitCode);
        Assert.Contains($"pid {Environment.ProcessId}", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(csv));
        Assert.False(Directory.Exists(Path.Combine(lake, "reference")));
        Assert.False(Directory.Exists(Path.Combine(lake, "_logs")));
        Assert.Equal(0, sim.RequestLog.Total);
    }

    [Fact]
    public async Task SelectUniverse_KeyRefused_LogEndsWithTheErrorAndExitThree()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 200, Seed = 24 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var lake = dir.Combine("lake");

        // When
        var result = await CliHarness.RunAsync(["select-universe", "--base-url", sim.BaseUrl.ToString(), "--api-key", "not-the-key-1234", "--out-csv", dir.Combine("u.csv"), "--outdir", lake, "--max-rps", "5000"]);

        // Then
        Assert.Equal(ExitCodes.KeyRejected, result.ExitCode);
        var log = File.ReadAllLines(Assert.Single(Directory.GetFiles(Path.Combine(lake, "_logs"), "select-universe-*.log")));
        Assert.Contains("error: ", log[^2], StringComparison.Ordinal);
        Assert.EndsWith("exit code 3", log[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key-1234", string.Concat(log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelectUniverse_InterruptedWhileFetching_LogSaysSoWithExit130()
    {
        // Given: a slow run (5 requests a second) under way
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 600, Seed = 21 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var lake = dir.Combine("lake");
        using var interrupt = new CancellationTokenSource();
        var run = CliHarness.RunAsync(["select-universe", "--base-url", sim.BaseUrl.ToString(), "--api-key", sim.ApiKey, "--out-csv", dir.Combine("u.csv"), "--outdir", lake, "--max-rps", "5"], ct: interrupt.Token);
        while (sim.RequestLog.Total == 0 && !run.IsCompleted)
        {
            await Task.Delay(20);
        }

        // When: Ctrl+C
        await interrupt.CancelAsync();
        var result = await run;

        // Then
        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
        var log = File.ReadAllLines(Assert.Single(Directory.GetFiles(Path.Combine(lake, "_logs"), "select-universe-*.log")));
        Assert.Contains("interrupted", log[^2], StringComparison.Ordinal);
        Assert.EndsWith("exit code 130", log[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--date", "0001-01-01")]
    public async Task SelectUniverse_NoTickerPassesTheFilters_ExitsTwoWithTheFunnelAndWritesNoUniverse(string option, string value)
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 200, Seed = 24 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var csv = dir.Combine("u.csv");
        var lake = dir.Combine("lake");

        // When
        var result = await CliHarness.RunAsync(["select-universe", "--base-url", sim.BaseUrl.ToString(), "--api-key", sim.ApiKey, option, value, "--out-csv", csv, "--out-parquet", dir.Combine("u.parquet"), "--outdir", lake, "--max-rps", "5000"]);

        // Then: the funnel shows which filter left none; no CSV an ingest would refuse
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("Final universe: 0 tickers", result.Out, StringComparison.Ordinal);
        Assert.Equal("error: no ticker passed the filters (see the funnel above); no universe written", result.Error.Trim());
        Assert.False(File.Exists(csv));
        Assert.False(File.Exists(dir.Combine("u.parquet")));
        var log = File.ReadAllLines(Assert.Single(Directory.GetFiles(Path.Combine(lake, "_logs"), "select-universe-*.log")));
        Assert.EndsWith("exit code 2", log[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ZZZ", 2, "error: --types ZZZ: no ticker of the snapshot has this type (its types: ")]
    [InlineData("cs", 0, "  -> type CS on XNAS/XNYS: ")]
    public async Task SelectUniverse_Types_LowerCaseIsTheVendorCodeAndAnUnknownOneIsAnInputError(string types, int exitCode, string expected)
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 200, Seed = 24 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var csv = dir.Combine("u.csv");

        // When
        var result = await CliHarness.RunAsync(["select-universe", "--base-url", sim.BaseUrl.ToString(), "--api-key", sim.ApiKey, "--types", types, "--out-csv", csv, "--max-rps", "5000"]);

        // Then
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(expected, result.Out + result.Error, StringComparison.Ordinal);
        Assert.Equal(exitCode == 0, File.Exists(csv));
        if (exitCode != 0)
        {
            Assert.Single(result.Error.Trim().Split('\n'));
        }
    }

    [Theory]
    [InlineData("--cap-max", "lots", "--cap-max")]
    [InlineData("--date", "2026-13-01", "--date")]
    [InlineData("--details", "d.parquet", "--details goes with --snapshot-dir")]
    [InlineData("--corporate-actions", null, "--corporate-actions needs --outdir")]
    public async Task SelectUniverse_BadOption_ExitsTwoWithOneLineAndWritesNothing(string option, string? value, string expected)
    {
        // Given
        using var dir = new TempDirectory();
        var csv = dir.Combine("u.csv");
        string[] args = value is null ? [option, "--out-csv", csv, "--api-key", "k"] : [option, value, "--out-csv", csv, "--api-key", "k"];

        // When
        var result = await RunAsync(args);

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.False(File.Exists(csv));
    }

    [Fact]
    public async Task SelectUniverse_SnapshotFolderWithoutTickers_ExitsTwoNamingTheFolder()
    {
        // Given
        using var dir = new TempDirectory();

        // When
        var result = await RunAsync("--snapshot-dir", dir.Path, "--out-csv", dir.Combine("u.csv"));

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(dir.Path, result.Error, StringComparison.Ordinal);
        Assert.Contains("tickers.parquet", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2000000000", 2e9)]
    [InlineData("2e9", 2e9)]
    [InlineData("2B", 2e9)]
    [InlineData("500M", 5e8)]
    [InlineData("$1_500_000", 1.5e6)]
    public void ParseCap_CommonSpellings_GiveDollars(string text, double expected) =>
        Assert.Equal(expected, SelectUniverseHandler.ParseCap(text));
}
