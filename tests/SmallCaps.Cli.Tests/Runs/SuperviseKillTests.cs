using System.Diagnostics;
using System.Text.Json;
using NodaTime;
using SmallCaps.Core.Runs;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Faults;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Runs;

/// <summary>Acceptance 2: a supervised ingest killed with SIGKILL is restarted and the run ends with the exact truth.</summary>
public sealed class SuperviseKillTests
{
    [Fact]
    public async Task Supervise_IngestKilled_RestartedAndFinishesWithTruth()
    {
        // Given
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 43, SlowDelay = TimeSpan.FromMilliseconds(500) };
        options.FaultRates[FaultKind.Slow] = 0.5;
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var names = CliHarness.CommonStocks(sim, 3);
        var tickers = CliHarness.WriteTickers(dir.Path, names);
        var outdir = dir.Combine("lake");
        var workdir = dir.Combine("run");
        var paths = RunPaths.For(workdir);
        try
        {
            var launched = await ToolProcess.RunAsync(
                "launch", "ingest-minute", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2022-01-01", "--to", "2023-12-31",
                "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "1", "--workdir", workdir, "--supervise", "--restart-delay", "0.5");
            Assert.True(launched.ExitCode == 0, launched.Error);

            // When: the ingest process (not the supervisor) is killed once it has started fetching
            SupervisorState? first = null;
            Assert.True(await ToolProcess.WaitUntilAsync(
                () => (first = RunJson.Read<SupervisorState>(paths.Supervisor)) is { WorkerPid: { } pid } && RunJson.Read<ProgressSnapshot>(paths.Progress)?.Pid == pid,
                TimeSpan.FromSeconds(30)), "the supervised ingest did not start");
            using (var victim = Process.GetProcessById(first!.WorkerPid!.Value))
            {
                victim.Kill();
                await victim.WaitForExitAsync();
            }

            var end = await ToolProcess.WaitForEndAsync(paths, TimeSpan.FromSeconds(150));

            // Then
            Assert.Equal(RunState.Finished, end.State);
            Assert.Equal(0, end.Result!.ExitCode);
            var restart = Assert.Single(end.Restarts);
            Assert.Equal(1, restart.Attempt);
            Assert.NotEqual(0, restart.ExitCode);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Contains("SIGKILL", restart.Cause);
            }

            var json = await ToolProcess.RunAsync("status", "--workdir", workdir, "--json");
            using (var doc = JsonDocument.Parse(json.Out))
            {
                Assert.Equal("finished", doc.RootElement.GetProperty("state").GetString());
                Assert.Equal(2, doc.RootElement.GetProperty("attempt").GetInt32());
                Assert.Equal(1, doc.RootElement.GetProperty("restarts").GetArrayLength());
            }

            var text = await ToolProcess.RunAsync("status", "--workdir", workdir);
            Assert.Contains("restarts", text.Out);
            foreach (var t in names)
            {
                CliHarness.AssertLakeEqualsTruth(sim, outdir, "bars_1m", t, new LocalDate(2022, 1, 1), new LocalDate(2023, 12, 31));
            }

            Assert.Empty(CliHarness.TempFiles(outdir));
        }
        finally
        {
            ToolProcess.KillLeftovers(paths);
        }
    }

    [Fact]
    public async Task Supervise_PauseFlag_HoldsTheRunUntilRemoved_ThenFinishesWithTruth()
    {
        // Given: a supervised run that has started fetching
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 47, SlowDelay = TimeSpan.FromMilliseconds(500) };
        options.FaultRates[FaultKind.Slow] = 0.5;
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var names = CliHarness.CommonStocks(sim, 3);
        var tickers = CliHarness.WriteTickers(dir.Path, names);
        var outdir = dir.Combine("lake");
        var paths = RunPaths.For(dir.Combine("run"));
        try
        {
            var launched = await ToolProcess.RunAsync(
                "launch", "ingest-minute", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2022-01-01", "--to", "2023-12-31",
                "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "1", "--workdir", paths.Workdir, "--supervise");
            Assert.True(launched.ExitCode == 0, launched.Error);
            Assert.True(await ToolProcess.WaitUntilAsync(() => File.Exists(paths.Progress), TimeSpan.FromSeconds(30)), "the ingest did not start");

            // When: paused
            ControlFiles.Pause(paths, TimeProvider.System);
            Assert.True(await ToolProcess.WaitUntilAsync(() => RunJson.Read<SupervisorState>(paths.Supervisor) is { Paused: true, WorkerPid: null }, TimeSpan.FromSeconds(30)), "the supervisor did not pause");
            var paused = await ToolProcess.RunAsync("status", "--workdir", paths.Workdir, "--json");
            await Task.Delay(1500);
            var stillPaused = RunJson.Read<SupervisorState>(paths.Supervisor)!;

            // ...and resumed
            ControlFiles.Resume(paths);
            var end = await ToolProcess.WaitForEndAsync(paths, TimeSpan.FromSeconds(120));

            // Then
            using (var doc = JsonDocument.Parse(paused.Out))
            {
                Assert.Equal("running", doc.RootElement.GetProperty("state").GetString());
                Assert.True(doc.RootElement.GetProperty("paused").GetBoolean());
            }

            Assert.Equal((true, 1), (stillPaused.Paused, stillPaused.Attempt));
            Assert.Equal((RunState.Finished, 0), (end.State, end.Result!.ExitCode));
            Assert.Empty(end.Restarts);
            Assert.Equal(2, end.Attempt);
            foreach (var t in names)
            {
                CliHarness.AssertLakeEqualsTruth(sim, outdir, "bars_1m", t, new LocalDate(2022, 1, 1), new LocalDate(2023, 12, 31));
            }
        }
        finally
        {
            ToolProcess.KillLeftovers(paths);
        }
    }

    [Fact]
    public async Task Supervise_SupervisorKilled_IngestStillReportedAndStoppable_NoSecondWriter()
    {
        // Given: a supervised run whose supervisor is killed while its ingest works
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 48, SlowDelay = TimeSpan.FromMilliseconds(700) };
        options.FaultRates[FaultKind.Slow] = 0.7;
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var tickers = CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 3));
        var outdir = dir.Combine("lake");
        var paths = RunPaths.For(dir.Combine("run"));
        string[] launch = ["launch", "ingest-minute", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2022-01-01", "--to", "2023-12-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "1", "--workdir", paths.Workdir, "--supervise"];
        try
        {
            Assert.Equal(0, (await ToolProcess.RunAsync(launch)).ExitCode);
            var record = RunJson.Read<RunRecord>(paths.Record)!;
            Assert.True(await ToolProcess.WaitUntilAsync(() => RunJson.Read<SupervisorState>(paths.Supervisor)?.WorkerPid is { } pid && RunJson.Read<ProgressSnapshot>(paths.Progress)?.Pid == pid, TimeSpan.FromSeconds(30)));
            using (var supervisor = Process.GetProcessById(record.Pid))
            {
                supervisor.Kill();
                await supervisor.WaitForExitAsync();
            }

            // When
            var status = RunStatusReader.Read(paths, TimeProvider.System);
            var second = await ToolProcess.RunAsync(launch);
            var stop = await ToolProcess.RunAsync("stop", "--workdir", paths.Workdir, "--timeout", "30");

            // Then
            Assert.Equal(RunState.Running, status.State);
            Assert.Contains(status.Warnings, w => w.Contains("supervisor", StringComparison.Ordinal) && w.Contains("still runs", StringComparison.Ordinal));
            Assert.Equal(4, second.ExitCode);
            Assert.True(stop.ExitCode == 0, stop.Out + stop.Error);
            var after = RunStatusReader.Read(paths, TimeProvider.System);
            Assert.Equal(RunState.Stopped, after.State);
            Assert.Empty(CliHarness.TempFiles(outdir));
        }
        finally
        {
            ToolProcess.KillLeftovers(paths);
        }
    }
}
