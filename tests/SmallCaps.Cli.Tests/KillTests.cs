using System.Diagnostics;
using System.Security.Cryptography;
using NodaTime;
using SmallCaps.Core.Ledger;
using SmallCaps.Parquet;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests;

/// <summary>SIGKILL-style kills of the real tool at random moments; the re-run must converge to the truth.</summary>
public sealed class KillTests
{
    private const int Kills = 10;

    [Fact]
    public async Task IngestMinute_KilledTenTimes_RerunEqualsTruth_NoVisiblePartialFile()
    {
        // Given: a run slow enough (2 req/s) that every kill lands mid-way
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 31 });
        using var dir = new TempDirectory();
        var names = CliHarness.CommonStocks(sim, 6);
        var tickers = CliHarness.WriteTickers(dir.Path, names);
        var outdir = dir.Combine("lake");
        var from = new LocalDate(2022, 1, 1);
        var to = new LocalDate(2023, 12, 31);
        string[] args = ["ingest-minute", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2022-01-01", "--to", "2023-12-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "4", "--max-rps", "2"];
        var random = new Random(5);
        var landed = 0;

        // When: killed at ten random moments, each after the process started
        for (var kill = 0; kill < Kills; kill++)
        {
            using var process = Start(args);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 2500)));
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                landed++;
            }

            await process.WaitForExitAsync();

            // What a reader globbing *.parquet sees is only complete files: temp files are hidden dot names.
            foreach (var file in VisibleParquet(outdir))
            {
                using var reader = ParquetFileReader.Open(file);
                Assert.True(reader.RowCount > 0, file);
            }
        }

        using var final = Start(args);
        var stdout = await final.StandardOutput.ReadToEndAsync();
        await final.WaitForExitAsync();

        // Then
        Assert.True(landed >= Kills - 1, $"only {landed} of {Kills} kills hit a running process");
        Assert.True(final.ExitCode == 0, stdout);
        Assert.Empty(CliHarness.TempFiles(outdir));
        foreach (var t in names)
        {
            CliHarness.AssertLakeEqualsTruth(sim, outdir, "bars_1m", t, from, to);
        }

        AssertLedgerMatchesFiles(outdir);
    }

    // Every done task's file exists with the size, hash and rows the ledger recorded, and no file is unrecorded.
    private static void AssertLedgerMatchesFiles(string outdir)
    {
        using var ledger = SqliteLedger.Open(outdir, TimeProvider.System);
        var done = ledger.Tasks("bars_1m").Where(t => t.State == TaskState.Done).ToList();
        Assert.NotEmpty(done);
        foreach (var task in done)
        {
            var path = Path.Combine(outdir, task.FilePath!.Replace('/', Path.DirectorySeparatorChar));
            using (var stream = File.OpenRead(path))
            {
                Assert.Equal(task.Bytes, stream.Length);
                Assert.Equal(task.Sha256, Convert.ToHexStringLower(SHA256.HashData(stream)));
            }

            using var reader = ParquetFileReader.Open(path);
            Assert.Equal(task.Rows, reader.RowCount);
        }

        var recorded = done.Select(t => Path.GetFullPath(Path.Combine(outdir, t.FilePath!))).ToHashSet(StringComparer.Ordinal);
        Assert.All(VisibleParquet(outdir), f => Assert.Contains(Path.GetFullPath(f), recorded));
    }

    private static IEnumerable<string> VisibleParquet(string outdir) =>
        Directory.Exists(outdir)
            ? Directory.EnumerateFiles(outdir, "*.parquet", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.'))
            : [];

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
