using System.Diagnostics;
using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Runs;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Faults;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Runs;

public sealed class StopTimeoutTests
{
    [Fact]
    public async Task Stop_NoTimeLeft_EndsTheProcess_ExitOne_ThenRelaunchFinishesWithTruth()
    {
        // Given: a slow run that has started fetching, its workdir with a space (the resume line must quote it)
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 46, SlowDelay = TimeSpan.FromMilliseconds(800) };
        options.FaultRules.Add(FaultRule.Parse("slow:/v2/aggs@1+6"));
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var names = CliHarness.CommonStocks(sim, 3);
        var tickers = CliHarness.WriteTickers(dir.Path, names);
        var outdir = dir.Combine("lake");
        var paths = RunPaths.For(dir.Combine("my runs"));
        string[] launch = ["launch", "ingest-minute", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2023-01-01", "--to", "2023-12-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "1", "--workdir", paths.Workdir];
        try
        {
            Assert.Equal(0, (await ToolProcess.RunAsync(launch)).ExitCode);
            var record = RunJson.Read<RunRecord>(paths.Record)!;
            Assert.True(await ToolProcess.WaitUntilAsync(() => File.Exists(paths.Progress), TimeSpan.FromSeconds(30)));

            // A hangup (the terminal closing) does not end a detached run.
            if (!OperatingSystem.IsWindows())
            {
                using var hup = Process.Start("kill", ["-HUP", record.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await hup.WaitForExitAsync();
                await Task.Delay(500);
                Assert.True(ProcessLiveness.IsAlive(record.Pid, record.ProcessStartedAt), "SIGHUP ended the detached run");
            }

            // When
            var stop = await ToolProcess.RunAsync("stop", "--workdir", paths.Workdir, "--timeout", "0");

            // Then
            Assert.Equal(ExitCodes.SomeFailed, stop.ExitCode);
            Assert.Contains("ended its processes", stop.Out);
            Assert.Contains(OperatingSystem.IsWindows() ? $" --workdir \"{paths.Workdir}\"" : $" --workdir '{paths.Workdir}'", stop.Out);
            Assert.False(ProcessLiveness.IsAlive(record.Pid, record.ProcessStartedAt));
            var stopped = RunStatusReader.Read(paths, TimeProvider.System);
            Assert.Equal(RunState.Stopped, stopped.State);

            var again = await ToolProcess.RunAsync(launch);
            Assert.True(again.ExitCode == 0, again.Error);
            var end = await ToolProcess.WaitForEndAsync(paths, TimeSpan.FromSeconds(90));
            Assert.Equal((RunState.Finished, 0), (end.State, end.Result!.ExitCode));
            foreach (var t in names)
            {
                CliHarness.AssertLakeEqualsTruth(sim, outdir, "bars_1m", t, new LocalDate(2023, 1, 1), new LocalDate(2023, 12, 31));
            }

            Assert.Empty(CliHarness.TempFiles(outdir));
        }
        finally
        {
            ToolProcess.KillLeftovers(paths);
        }
    }
}
