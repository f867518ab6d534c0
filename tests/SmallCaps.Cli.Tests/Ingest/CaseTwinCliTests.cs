using System.Security.Cryptography;
using SmallCaps.Core.Ingest;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ingest;

/// <summary>On Windows and macOS "ticker=AAPl" is AAPL's folder: a run must not write, or delete, into it.</summary>
public sealed class CaseTwinCliTests
{
    [Fact]
    public async Task IngestDaily_TickerDifferingOnlyInCaseFromOneInTheLake_ExitTwo_LakeUntouched()
    {
        // Given: a lake holding AAPL's daily bars
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 3 });
        using var dir = new TempDirectory();
        var outdir = dir.Combine("lake");
        string[] common = ["--outdir", outdir, "--from", "2024-01-01", "--to", "2024-03-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString()];
        var first = await CliHarness.RunAsync(["ingest-daily", "--tickers-csv", CliHarness.WriteTickers(dir.Path, ["AAPL"]), .. common]);
        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        var before = Snapshot(outdir);
        var logs = Directory.GetFiles(Path.Combine(outdir, "_logs"));
        var requests = sim.RequestLog.Total;
        var typo = dir.Combine("typo");
        Directory.CreateDirectory(typo);

        var workdir = dir.Combine("run");

        // When: a later run asks for "AAPl", in the foreground and through launch
        var typoCsv = CliHarness.WriteTickers(typo, ["MSFT", "AAPl"]);
        var second = await CliHarness.RunAsync(["ingest-daily", "--tickers-csv", typoCsv, .. common]);
        var launched = await Runs.ToolProcess.RunAsync(["launch", "ingest-daily", "--tickers-csv", typoCsv, .. common, "--workdir", workdir]);

        // Then: one line, exit 2, no request, nothing launched, and the lake's files are as they were
        const string Expected = "error: ticker \"AAPl\" differs only in case from \"AAPL\", which this outdir already holds; Windows and macOS would give both one folder";
        Assert.Equal((ExitCodes.BadInput, Expected), (second.ExitCode, second.Error.Trim()));
        Assert.Equal((ExitCodes.BadInput, Expected), (launched.ExitCode, launched.Error.Trim()));
        Assert.False(Directory.Exists(workdir));
        Assert.Equal(requests, sim.RequestLog.Total);
        Assert.NotEmpty(before);
        Assert.Equal(before, Snapshot(outdir));
        Assert.Equal(logs, Directory.GetFiles(Path.Combine(outdir, "_logs")));
    }

    // Every Parquet file of the lake with its hash.
    private static Dictionary<string, string> Snapshot(string outdir) =>
        Directory.EnumerateFiles(outdir, "*.parquet", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(outdir, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
