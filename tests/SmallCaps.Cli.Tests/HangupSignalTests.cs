using System.Diagnostics;
using System.Globalization;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Faults;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests;

public sealed class HangupSignalTests
{
    [Fact]
    public async Task IngestMinute_HangupWhileFetching_StopsCleanlyWithExit130()
    {
        // Given: a foreground run whose requests are slow, so tasks are in flight when the terminal goes away
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 46, SlowDelay = TimeSpan.FromSeconds(2) };
        options.FaultRules.Add(FaultRule.Parse("slow:/v2/aggs%1"));
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var tickers = CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 4));
        var outdir = dir.Combine("lake");
        using var process = Start("ingest-minute", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2022-01-01", "--to", "2023-12-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "4");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(await WaitForLogAsync(outdir, "tasks to fetch", TimeSpan.FromSeconds(30)), "the run never planned");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(process.HasExited, "the run ended before the hangup");

        // When: the terminal closes (before the fix the default action killed it: exit 129, tasks left running)
        using (var hup = Process.Start("kill", ["-HUP", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await hup.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        // Then: as on Ctrl+C: exit 130, no temp file, no task left running, and the log ends with the exit code
        Assert.Equal(ExitCodes.Interrupted, process.ExitCode);
        Assert.Contains("interrupted", await stdout + await stderr, StringComparison.Ordinal);
        Assert.Empty(CliHarness.TempFiles(outdir));
        using (var ledger = SqliteLedger.Open(outdir, TimeProvider.System))
        {
            Assert.DoesNotContain(ledger.Tasks("bars_1m"), t => t.State == TaskState.Running);
        }

        var log = File.ReadAllLines(Directory.GetFiles(Path.Combine(outdir, "_logs"), "bars_1m-*.log").Single());
        Assert.EndsWith("exit 130", log[^1], StringComparison.Ordinal);
    }

    private static async Task<bool> WaitForLogAsync(string outdir, string text, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        var logs = Path.Combine(outdir, "_logs");
        while (DateTime.UtcNow < until)
        {
            if (Directory.Exists(logs) && Directory.GetFiles(logs, "*.log").Any(f => ReadShared(f).Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "smallcaps.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("MASSIVE_API_KEY");
        psi.Environment.Remove("POLYGON_API_KEY");
        return Process.Start(psi)!;
    }
}
