using System.Diagnostics;
using System.Globalization;
using NodaTime;
using Serilog;
using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Verify;
using SmallCaps.Simulator;

namespace SmallCaps.Bench.Backup;

/// <summary>
/// <c>verify [--tickers 20] [--years 2]</c>: ingests minute and daily bars from the simulator with the
/// real runner, then times <c>smallcaps verify</c> over the lake (bars/s, MB/s, peak working set).
/// </summary>
public static class VerifyBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var tickers = Int(args, "--tickers", 20);
        var years = Int(args, "--years", 2);
        var root = Path.Combine(Path.GetTempPath(), $"smallcaps-verify-bench-{Guid.NewGuid():N}");
        try
        {
            await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 1000, Seed = 5 });
            var names = sim.Truth.Tickers().Where(t => t.Type == "CS" && t.Ticker.All(char.IsAsciiLetterUpper)).Select(t => t.Ticker).Distinct().Take(tickers).ToList();
            var to = new LocalDate(2025, 12, 31);
            var from = new LocalDate(2025 - years + 1, 1, 1);
            var sw = Stopwatch.StartNew();
            await IngestAsync(sim, root, BarDataset.Daily, names, from, to);
            await IngestAsync(sim, root, BarDataset.Minute, names, from, to);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest {tickers} tickers x {years} years (daily + minute): {sw.Elapsed.TotalSeconds:F1} s"));

            sw.Restart();
            var report = LakeVerifier.Run(new VerifyOptions { Outdir = root });
            var s = sw.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"verify: {s:F2} s, {report.Totals.Files} files, {report.Totals.Rows:N0} bars ({report.Totals.Rows / s:N0} bars/s), {report.Totals.Bytes / 1048576.0:F1} MB hashed ({report.Totals.Bytes / 1048576.0 / s:F1} MB/s), findings {report.Findings.Count}"));
            Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
            foreach (var f in report.Findings.Take(10))
            {
                Console.WriteLine($"  {f.Kind.ToName()} {VerifyTextReport.Where(f)}: {f.Detail}");
            }

            return report.IsClean ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task IngestAsync(SimulatorHost sim, string outdir, BarDataset dataset, IReadOnlyList<string> tickers, LocalDate from, LocalDate to)
    {
        var options = new TransportOptions { BaseUrl = sim.BaseUrl, MaxRequestsPerSecond = 1000, MaxWorkers = 4 };
        using var transport = new MassiveTransport(options, ApiKey.Create(sim.ApiKey), TimeProvider.System);
        var outcome = await IngestSession.RunAsync(
            new IngestOptions { Outdir = outdir, Dataset = dataset, MaxWorkers = 4 },
            tickers,
            new IngestRange(from, to, null),
            new AggregatesBarSource(transport),
            TimeProvider.System,
            new LoggerConfiguration().CreateLogger(),
            "bench",
            null,
            CancellationToken.None);
        if (outcome.ExitCode != ExitCodes.Ok)
        {
            throw new InvalidOperationException($"ingest ended with {outcome.ExitCode}");
        }
    }

    private static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
