using SmallCaps.Core.Ingest;
using SmallCaps.Core.Runs;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Faults;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Runs;

/// <summary>Launches fired together, and runs that end at once: launch's exit code says what happened, on the terminal.</summary>
public sealed class LaunchRaceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Launch_TwoAtOnce_ExactlyOneStartsAndTheOtherExitsFour(bool sameWorkdir)
    {
        // Given: a slow simulator, so the run that starts is still running when the other launch looks
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 46, SlowDelay = TimeSpan.FromSeconds(1) };
        options.FaultRates[FaultKind.Slow] = 1.0;
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var tickers = CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 3));
        var outdir = dir.Combine("lake");
        var workdirs = new[] { RunPaths.For(dir.Combine("run1")), RunPaths.For(dir.Combine(sameWorkdir ? "run1" : "run2")) };
        string[] Launch(RunPaths workdir) => ["launch", "ingest-minute", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2022-01-01", "--to", "2023-12-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "1", "--workdir", workdir.Workdir];
        try
        {
            // When
            var both = await Task.WhenAll(ToolProcess.RunAsync(Launch(workdirs[0])), ToolProcess.RunAsync(Launch(workdirs[1])));

            // Then
            var codes = both.Select(b => b.ExitCode).Order().ToArray();
            Assert.True(codes is [ExitCodes.Ok, ExitCodes.OutdirLocked], string.Join(" | ", both.Select(b => $"{b.ExitCode}: {b.Error}")));
            var started = workdirs[both[0].ExitCode == ExitCodes.Ok ? 0 : 1];
            var status = await ToolProcess.RunAsync("status", "--workdir", started.Workdir);
            Assert.Contains("running", status.Out);
            Assert.Equal(0, (await ToolProcess.RunAsync("stop", "--workdir", started.Workdir, "--timeout", "30")).ExitCode);
        }
        finally
        {
            foreach (var w in workdirs)
            {
                ToolProcess.KillLeftovers(w);
            }
        }
    }

    [Fact]
    public async Task Launch_RefusedBecauseOutdirBusy_KeepsThePreviousRunOfItsWorkdir()
    {
        // Given: a finished run in workdir A, and a slow run of workdir B holding the outdir
        await using var fast = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 47 });
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 47, SlowDelay = TimeSpan.FromSeconds(1) };
        options.FaultRates[FaultKind.Slow] = 1.0;
        await using var slow = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var tickers = CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(fast, 2));
        var outdir = dir.Combine("lake");
        var a = RunPaths.For(dir.Combine("a"));
        var b = RunPaths.For(dir.Combine("b"));
        string[] Launch(RunPaths workdir, SimulatorHost sim, string dataset) => ["launch", dataset, "--tickers-csv", tickers, "--outdir", outdir, "--from", "2022-01-01", "--to", "2023-12-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "1", "--workdir", workdir.Workdir];
        try
        {
            Assert.Equal(0, (await ToolProcess.RunAsync(Launch(a, fast, "ingest-daily"))).ExitCode);
            var first = await ToolProcess.WaitForEndAsync(a, TimeSpan.FromSeconds(60));
            Assert.Equal(0, (await ToolProcess.RunAsync(Launch(b, slow, "ingest-minute"))).ExitCode);

            // When
            var refused = await ToolProcess.RunAsync(Launch(a, fast, "ingest-daily"));

            // Then: still the finished run, not "no run launched"
            Assert.Equal(ExitCodes.OutdirLocked, refused.ExitCode);
            var status = await ToolProcess.RunAsync("status", "--workdir", a.Workdir);
            Assert.Contains(first.Run!.RunId, status.Out);
            Assert.Contains("finished", status.Out);
            Assert.Equal(0, (await ToolProcess.RunAsync("stop", "--workdir", b.Workdir, "--timeout", "30")).ExitCode);
        }
        finally
        {
            ToolProcess.KillLeftovers(a);
            ToolProcess.KillLeftovers(b);
        }
    }

    [Fact]
    public async Task Launch_RunRefusesItsInputAtOnce_LaunchExitsWithTheRunsCodeAndReason()
    {
        // Given: adjusted daily bars in the lake, then a launch asking raw ones (only the ledger knows)
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 48 });
        using var dir = new TempDirectory();
        var tickers = CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 2));
        var outdir = dir.Combine("lake");
        string[] Ingest(params string[] more) => ["ingest-daily", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2023-01-01", "--to", "2023-12-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), .. more];
        Assert.Equal(0, (await ToolProcess.RunAsync(Ingest())).ExitCode);
        var paths = RunPaths.For(dir.Combine("run"));
        try
        {
            // When
            var launched = await ToolProcess.RunAsync(["launch", .. Ingest("--adjusted", "false"), "--workdir", paths.Workdir]);

            // Then
            Assert.Equal(ExitCodes.BadInput, launched.ExitCode);
            Assert.Contains("--adjusted false differs from the bars_1d bars already in this outdir", launched.Error);
        }
        finally
        {
            ToolProcess.KillLeftovers(paths);
        }
    }
}
