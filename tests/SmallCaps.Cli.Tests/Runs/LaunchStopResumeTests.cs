using System.Text.Json;
using NodaTime;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Runs;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Faults;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Runs;

/// <summary>Acceptance 1 and 3: launch, status (parsed JSON), stop, launch again (resumes), finished, lake equals truth.</summary>
public sealed class LaunchStopResumeTests
{
    private const string Secret = "SeCrEt-run-key-4242";

    [Fact]
    public async Task Launch_Status_Stop_Launch_FinishesWithLakeEqualToTruth()
    {
        // Given: slow pages so the stop lands mid-run; a recognisable key
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 41, ApiKey = Secret, SlowDelay = TimeSpan.FromMilliseconds(700) };
        options.FaultRates[FaultKind.Slow] = 0.6;
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var names = CliHarness.CommonStocks(sim, 4);
        var tickers = CliHarness.WriteTickers(dir.Path, names);
        var outdir = dir.Combine("lake");
        var workdir = dir.Combine("run");
        var paths = RunPaths.For(workdir);
        string[] minute = ["launch", "ingest-minute", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2022-01-01", "--to", "2023-12-31", "--api-key", Secret, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "1", "--workdir", workdir];
        try
        {
            // When: launch returns at once with id, pid and log
            var launched = await ToolProcess.RunAsync(minute);
            Assert.True(launched.ExitCode == 0, launched.Error);
            Assert.Contains("run id: ", launched.Out);
            Assert.Contains("pid: ", launched.Out);
            Assert.Contains("log: ", launched.Out);
            Assert.Equal(ReadmeLaunchLabels(), launched.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Label));
            var record = RunJson.Read<RunRecord>(paths.Record)!;
            Assert.True(await ToolProcess.WaitUntilAsync(() => File.Exists(paths.Progress), TimeSpan.FromSeconds(30)), "no progress written");
            if (OperatingSystem.IsLinux())
            {
                Assert.DoesNotContain(Secret, await File.ReadAllTextAsync($"/proc/{record.Pid}/cmdline"));
            }

            // status --json while running: the documented shape
            var running = await ToolProcess.RunAsync("status", "--workdir", workdir, "--json");
            Assert.Equal(0, running.ExitCode);
            using (var doc = JsonDocument.Parse(running.Out))
            {
                var root = doc.RootElement;
                Assert.Equal(1, root.GetProperty("schema").GetInt32());
                Assert.Equal("running", root.GetProperty("state").GetString());
                Assert.Equal(record.RunId, root.GetProperty("run").GetProperty("runId").GetString());
                Assert.Equal(record.Pid, root.GetProperty("run").GetProperty("pid").GetInt32());
                Assert.Equal(record.Pid, root.GetProperty("ingestPid").GetInt32());
                var dataset = root.GetProperty("datasets")[0];
                Assert.Equal("bars_1m", dataset.GetProperty("name").GetString());
                Assert.Equal(names.Count * 2, dataset.GetProperty("tasksTotal").GetInt32());
                Assert.True(dataset.GetProperty("remaining").GetInt32() > 0);
                Assert.True(root.GetProperty("progress").GetProperty("requestsPerSecond").GetDouble() >= 0);
                Assert.Equal(JsonValueKind.Array, root.GetProperty("logTail").ValueKind);
                Assert.Equal(JsonValueKind.Array, root.GetProperty("restarts").ValueKind);
            }

            // stop: graceful, reports what is left
            var stopped = await ToolProcess.RunAsync("stop", "--workdir", workdir, "--timeout", "30");
            Assert.True(stopped.ExitCode == 0, stopped.Out + stopped.Error);
            Assert.Contains("stopped cleanly", stopped.Out);
            Assert.Contains("left", stopped.Out);
            var afterStop = RunStatusReader.Read(paths, TimeProvider.System);
            Assert.Equal(RunState.Stopped, afterStop.State);
            Assert.Equal(130, afterStop.Result!.ExitCode);
            Assert.True(afterStop.Datasets[0].Remaining > 0, "the run finished before the stop landed");
            Assert.Empty(CliHarness.TempFiles(outdir));
            using (var ledger = SqliteLedger.Open(outdir, TimeProvider.System))
            {
                Assert.DoesNotContain(ledger.Tasks("bars_1m"), t => t.State == TaskState.Running);
            }

            // launch again: resumes and finishes; then the daily bars in the same workdir
            var resumed = await ToolProcess.RunAsync(minute);
            Assert.True(resumed.ExitCode == 0, resumed.Error);
            var finished = await ToolProcess.WaitForEndAsync(paths, TimeSpan.FromSeconds(120));
            Assert.Equal(RunState.Finished, finished.State);
            Assert.Equal(0, finished.Result!.ExitCode);
            Assert.Equal(0, finished.Datasets.Single(d => d.Name == "bars_1m").Remaining);
            var daily = await ToolProcess.RunAsync(["launch", "ingest-daily", .. minute[2..]]);
            Assert.True(daily.ExitCode == 0, daily.Error);
            var dailyEnd = await ToolProcess.WaitForEndAsync(paths, TimeSpan.FromSeconds(60));
            Assert.Equal((RunState.Finished, 0), (dailyEnd.State, dailyEnd.Result!.ExitCode));
            var text = await ToolProcess.RunAsync("status", "--workdir", workdir);
            Assert.Contains("finished", text.Out);

            // Then: exact truth, and the key nowhere in the run's files or outputs
            foreach (var t in names)
            {
                CliHarness.AssertLakeEqualsTruth(sim, outdir, "bars_1m", t, new LocalDate(2022, 1, 1), new LocalDate(2023, 12, 31));
                CliHarness.AssertLakeEqualsTruth(sim, outdir, "bars_1d", t, new LocalDate(2022, 1, 1), new LocalDate(2023, 12, 31));
            }

            Assert.Empty(CliHarness.TempFiles(outdir));
            foreach (var output in new[] { launched, running, stopped, resumed, daily, text })
            {
                Assert.DoesNotContain(Secret, output.Out + output.Error);
            }

            foreach (var file in Directory.EnumerateFiles(workdir, "*", SearchOption.AllDirectories))
            {
                Assert.DoesNotContain(Secret, await File.ReadAllTextAsync(file));
            }
        }
        finally
        {
            ToolProcess.KillLeftovers(paths);
        }
    }

    // README "Background runs" shows what launch prints: the same lines, by their leading label.
    private static List<string> ReadmeLaunchLabels()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var block = readme[(readme.IndexOf("printing:\n\n```\n", StringComparison.Ordinal) + "printing:\n\n```\n".Length)..];
        return block[..block.IndexOf("```", StringComparison.Ordinal)].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Label).ToList();
    }

    private static string Label(string line) => line[..line.IndexOf(':', StringComparison.Ordinal)];
}
