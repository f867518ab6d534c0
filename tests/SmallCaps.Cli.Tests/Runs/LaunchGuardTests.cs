using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Runs;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Faults;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Runs;

/// <summary>Acceptance 4: one run per outdir and per workdir; stale state is reported and never blocks a new run.</summary>
public sealed class LaunchGuardTests
{
    [Fact]
    public async Task Launch_OutdirOrWorkdirBusy_ExitFourNamingTheHolder()
    {
        // Given: a slow run in progress
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 44, SlowDelay = TimeSpan.FromSeconds(1) };
        options.FaultRates[FaultKind.Slow] = 1.0;
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var tickers = CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 3));
        var outdir = dir.Combine("lake");
        var first = RunPaths.For(dir.Combine("run1"));
        string[] Launch(string workdir) => ["launch", "ingest-minute", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2022-01-01", "--to", "2023-12-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "1", "--workdir", workdir];
        try
        {
            Assert.Equal(0, (await ToolProcess.RunAsync(Launch(first.Workdir))).ExitCode);
            var record = RunJson.Read<RunRecord>(first.Record)!;
            Assert.True(await ToolProcess.WaitUntilAsync(() => LedgerViewIsLocked(outdir), TimeSpan.FromSeconds(30)), "the run never took the lock");

            // When
            var otherWorkdir = await ToolProcess.RunAsync(Launch(dir.Combine("run2")));
            var sameWorkdir = await ToolProcess.RunAsync(Launch(first.Workdir));

            // Then
            Assert.Equal(ExitCodes.OutdirLocked, otherWorkdir.ExitCode);
            Assert.Contains($"pid {record.Pid}", otherWorkdir.Error);
            Assert.Equal(ExitCodes.OutdirLocked, sameWorkdir.ExitCode);
            Assert.Contains(record.RunId, sameWorkdir.Error);
            Assert.Equal(record, RunJson.Read<RunRecord>(first.Record));
            Assert.Null(RunJson.Read<RunRecord>(RunPaths.For(dir.Combine("run2")).Record));
            Assert.Equal(0, (await ToolProcess.RunAsync("stop", "--workdir", first.Workdir, "--timeout", "30")).ExitCode);
        }
        finally
        {
            ToolProcess.KillLeftovers(first);
        }
    }

    [Fact]
    public async Task Launch_AfterCrashedRunWithStaleLock_ReportsStaleStateThenRunsToTruth()
    {
        // Given: a record naming a dead pid without an end, and a lock note left by a killed run
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 45 });
        using var dir = new TempDirectory();
        var names = CliHarness.CommonStocks(sim, 3);
        var tickers = CliHarness.WriteTickers(dir.Path, names);
        var outdir = dir.Combine("lake");
        var paths = RunPaths.For(dir.Combine("run"));
        RunJson.Write(paths.Record, new RunRecord
        {
            RunId = "20260101T000000Z-dead",
            Verb = "ingest-daily",
            Dataset = "bars_1d",
            CommandLine = "smallcaps ingest-daily",
            Outdir = outdir,
            TickersCsv = tickers,
            From = "2023-01-01",
            To = "2023-12-31",
            Pid = int.MaxValue - 7,
            Host = Environment.MachineName,
            StartedAt = DateTimeOffset.UtcNow.AddHours(-1),
            LogPath = paths.LogFile("20260101T000000Z-dead"),
        });
        Directory.CreateDirectory(Path.Combine(outdir, SqliteLedger.FolderName));
        File.WriteAllText(Path.Combine(outdir, SqliteLedger.FolderName, "run.lock"), string.Empty);
        File.WriteAllText(Path.Combine(outdir, SqliteLedger.FolderName, "run.lock.info"), "pid 2147483640 on host gone, started 2026-01-01T00:00:00Z");
        try
        {
            // When
            var status = await ToolProcess.RunAsync("status", "--workdir", paths.Workdir);
            var launched = await ToolProcess.RunAsync("launch", "ingest-daily", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2023-01-01", "--to", "2023-12-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--workdir", paths.Workdir);
            var end = await ToolProcess.WaitForEndAsync(paths, TimeSpan.FromSeconds(60));

            // Then
            Assert.Contains("crashed", status.Out);
            Assert.Contains("stale run record", status.Out);
            Assert.Contains("stale lock", status.Out);
            Assert.True(launched.ExitCode == 0, launched.Error);
            Assert.Contains("died without recording an end", launched.Error);
            Assert.Contains("took over a stale lock", launched.Error);
            Assert.True(File.Exists(Path.Combine(paths.HistoryFolder, "20260101T000000Z-dead", "run.json")));
            Assert.Equal((RunState.Finished, 0), (end.State, end.Result!.ExitCode));
            foreach (var t in names)
            {
                CliHarness.AssertLakeEqualsTruth(sim, outdir, "bars_1d", t, new LocalDate(2023, 1, 1), new LocalDate(2023, 12, 31));
            }
        }
        finally
        {
            ToolProcess.KillLeftovers(paths);
        }
    }

    [Fact]
    public async Task Launch_BadInputNoKeyOrNoTickerEvents_ExitTwoAndNothingRecorded()
    {
        // Given
        using var dir = new TempDirectory();
        var tickers = CliHarness.WriteTickers(dir.Path, ["AAA"]);
        var workdir = dir.Combine("run");

        // When
        var missingCsv = await ToolProcess.RunAsync("launch", "ingest-daily", "--tickers-csv", dir.Combine("nope.csv"), "--outdir", dir.Combine("lake"), "--from", "2023-01-01", "--to", "2023-12-31", "--api-key", "k", "--workdir", workdir);
        var noKey = await ToolProcess.RunAsync("launch", "ingest-daily", "--tickers-csv", tickers, "--outdir", dir.Combine("lake"), "--from", "2023-01-01", "--to", "2023-12-31", "--workdir", workdir);
        var noEvents = await ToolProcess.RunAsync("launch", "ingest-daily", "--tickers-csv", tickers, "--outdir", dir.Combine("lake"), "--from", "2023-01-01", "--to", "2023-12-31", "--api-key", "k", "--former-tickers", "--workdir", workdir);
        var statusOfNothing = await ToolProcess.RunAsync("stop", "--workdir", dir.Path);

        // Then
        Assert.Equal(ExitCodes.BadInput, missingCsv.ExitCode);
        Assert.Contains("nope.csv", missingCsv.Error);
        Assert.Equal(ExitCodes.BadInput, noKey.ExitCode);
        Assert.Contains("no API key", noKey.Error);
        Assert.Equal(ExitCodes.BadInput, noEvents.ExitCode);
        Assert.Contains("--former-tickers needs ticker events in", noEvents.Error);
        Assert.False(File.Exists(RunPaths.For(workdir).Record));
        Assert.Equal(ExitCodes.BadInput, statusOfNothing.ExitCode);
    }

    private static bool LedgerViewIsLocked(string outdir) => Core.Verify.LedgerView.IsRunActive(outdir);
}
