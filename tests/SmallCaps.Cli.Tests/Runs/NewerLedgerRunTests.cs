using Microsoft.Data.Sqlite;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Runs;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Faults;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Runs;

/// <summary>A live run whose ledger a newer build wrote (a scheduled task on the newer build, a shell on this one).</summary>
public sealed class NewerLedgerRunTests
{
    [Fact]
    public async Task StatusThenStop_LedgerOfANewerBuild_StatusSaysSoWithoutTotals_StopStopsTheRun()
    {
        // Given: a slow launched run, then its ledger marked as a newer build's
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 52, SlowDelay = TimeSpan.FromSeconds(1) };
        options.FaultRates[FaultKind.Slow] = 1.0;
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var outdir = dir.Combine("lake");
        var paths = RunPaths.For(dir.Combine("wd"));
        try
        {
            var launched = await ToolProcess.RunAsync("launch", "ingest-daily", "--tickers-csv", CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 3)), "--outdir", outdir, "--from", "2023-01-01", "--to", "2023-12-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "1", "--workdir", paths.Workdir);
            Assert.True(launched.ExitCode == 0, launched.Error);
            Assert.True(await ToolProcess.WaitUntilAsync(() => File.Exists(paths.Progress), TimeSpan.FromSeconds(30)));
            using (var connection = new SqliteConnection($"Data Source={Path.Combine(outdir, SqliteLedger.FolderName, SqliteLedger.FileName)};Pooling=False"))
            {
                connection.Open();
                using var cmd = connection.CreateCommand();
                cmd.CommandText = "PRAGMA busy_timeout=10000; UPDATE meta SET value = '9' WHERE key = 'schema_version';";
                cmd.ExecuteNonQuery();
            }

            var record = RunJson.Read<RunRecord>(paths.Record)!;

            // When
            var status = await ToolProcess.RunAsync("status", "--workdir", paths.Workdir);
            var stop = await ToolProcess.RunAsync("stop", "--workdir", paths.Workdir, "--timeout", "30");

            // Then: status shows the run and says why the totals are missing; stop stops it and still prints the resume line
            var tooNew = $"{outdir} was written by a newer smallcaps (ledger version 9; this build knows up to {LedgerSchema.CurrentVersion}): install the newer version; the ledger's totals are left out";
            Assert.True(status.ExitCode == 0, status.Error);
            Assert.Contains("running", status.Out, StringComparison.Ordinal);
            Assert.Contains(tooNew, status.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("settled", status.Out, StringComparison.Ordinal);
            Assert.True(stop.ExitCode == 0, stop.Error + stop.Out);
            Assert.Contains($"run {record.RunId} stopped cleanly", stop.Out, StringComparison.Ordinal);
            Assert.Contains($"warning: {tooNew}", stop.Out, StringComparison.Ordinal);
            Assert.Contains("resume with: smallcaps launch ", stop.Out, StringComparison.Ordinal);
            Assert.False(ProcessLiveness.IsAlive(record.Pid, record.ProcessStartedAt, record.ProcessStartTicks));
        }
        finally
        {
            ToolProcess.KillLeftovers(paths);
        }
    }
}
