using System.Diagnostics;
using NodaTime;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests;

/// <summary>SIGKILL-style kills of the real tool at random moments; the re-run must converge to the truth.</summary>
public sealed class KillTests
{
    [Fact]
    public async Task IngestMinute_KilledThreeTimes_RerunEqualsTruth_NoVisibleTemp()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 31 });
        using var dir = new TempDirectory();
        var names = CliHarness.CommonStocks(sim, 6);
        var tickers = CliHarness.WriteTickers(dir.Path, names);
        var outdir = dir.Combine("lake");
        var from = new LocalDate(2022, 7, 1);
        var to = new LocalDate(2023, 6, 30);
        string[] args = ["ingest-minute", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2022-07-01", "--to", "2023-06-30", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "4"];
        var random = new Random(5);

        // When: killed at random moments three times
        for (var kill = 0; kill < 3; kill++)
        {
            using var process = Start(args);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(400, 1500)));
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();

            // Readers never see a temp file: only hidden .part-*.tmp names can exist.
            Assert.All(Directory.Exists(outdir) ? Directory.EnumerateFiles(outdir, "*", SearchOption.AllDirectories) : [], f =>
                Assert.True(f.EndsWith(".parquet", StringComparison.Ordinal) ? !Path.GetFileName(f).StartsWith('.') : true));
        }

        using var final = Start(args);
        var stdout = await final.StandardOutput.ReadToEndAsync();
        await final.WaitForExitAsync();

        // Then
        Assert.True(final.ExitCode == 0, stdout);
        Assert.Empty(CliHarness.TempFiles(outdir));
        foreach (var t in names)
        {
            CliHarness.AssertLakeEqualsTruth(sim, outdir, "bars_1m", t, from, to);
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
