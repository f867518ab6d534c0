using System.Diagnostics;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ticks;

/// <summary>Chaos preset plus SIGKILL of the real tool at random moments; re-runs converge to the truth.</summary>
public sealed class TicksKillTests
{
    [Fact]
    public async Task IngestQuotes_ChaosAndKilledThreeTimes_RerunEqualsTruth()
    {
        // Given a chaotic API, a manifest of 12 names and 8 requests/s so each run lasts a few seconds
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 23, Chaos = true, SlowDelay = TimeSpan.FromMilliseconds(200) });
        using var dir = new TempDirectory();
        var names = TickLake.ActiveNames(sim, 12);
        var manifest = dir.Combine("manifest.csv");
        var made = await CliHarness.RunAsync(["manifest", "--events", TickLake.WriteEvents(dir.Path, names), "--out", manifest, "--before", "5m", "--after", "15m"]);
        Assert.Equal(0, made.ExitCode);
        var outdir = dir.Combine("lake");
        string[] args = ["ingest-quotes", "--manifest", manifest, "--outdir", outdir, "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "3", "--max-rps", "8"];
        var random = new Random(9);

        // When: killed at random moments three times, then re-run until done
        for (var kill = 0; kill < 3; kill++)
        {
            using var process = Start(args);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 1200)));
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }

        // The kills landed mid-run: some sessions were still to fetch.
        using (var ledger = SmallCaps.Core.Ledger.SqliteLedger.Open(outdir, TimeProvider.System))
        {
            Assert.True(ledger.Tasks("quotes").Count(t => t.State == SmallCaps.Core.Ledger.TaskState.Done) < names.Count);
        }

        var exit = -1;
        var output = string.Empty;
        for (var run = 0; run < 5 && exit != 0; run++)
        {
            using var final = Start(args);
            output = await final.StandardOutput.ReadToEndAsync();
            await final.WaitForExitAsync();
            exit = final.ExitCode;
        }

        // Then
        Assert.True(exit == 0, output);
        Assert.Empty(CliHarness.TempFiles(outdir));
        foreach (var t in names)
        {
            Assert.Equal(TickLake.Quotes(sim, t), TickLake.ReadQuotes(outdir, "quotes", t));
        }
    }

    private static Process Start(string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "smallcaps.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi)!;
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }
}
