using System.Diagnostics;
using System.Globalization;
using NodaTime;
using Serilog;
using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Lake;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Bench.Ingest;

/// <summary>
/// Minute-bar ingest against the in-process simulator: bars/s, MB/s and peak RSS.
/// Usage: ingest [--tickers 20] [--years 2] [--workers 8] [--chaos]
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var tickers = IntOption(args, "--tickers", 20);
        var years = IntOption(args, "--years", 2);
        var workers = IntOption(args, "--workers", 8);
        var chaos = args.Contains("--chaos");
        var to = new LocalDate(2026, 6, 30);
        var from = to.PlusYears(-years).PlusDays(1);
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 3000, Seed = 42, Chaos = chaos, SlowDelay = TimeSpan.FromMilliseconds(50) });
        var names = sim.Truth.Tickers()
            .Where(t => t.Type == "CS" && t.DelistedDate is null && t.ListDate < from && TickerRules.Problem(t.Ticker) is null)
            .Select(t => t.Ticker).Distinct().Take(tickers).ToList();
        using var dir = new TempDirectory("smallcaps-bench");
        var options = new TransportOptions { BaseUrl = sim.BaseUrl, MaxWorkers = workers, MaxRequestsPerSecond = 1000, RetryBaseDelay = TimeSpan.FromMilliseconds(5) };
        using var transport = new MassiveTransport(options, ApiKey.Create(sim.ApiKey), TimeProvider.System);
        var source = new AggregatesBarSource(new AggregatesClient(transport));
        var log = new LoggerConfiguration().CreateLogger();
        var clock = Stopwatch.StartNew();
        var outcome = await IngestSession.RunAsync(
            new IngestOptions { Outdir = dir.Path, Dataset = BarDataset.Minute, MaxWorkers = workers },
            names,
            new IngestRange(from, to, null),
            source,
            TimeProvider.System,
            log,
            "bench",
            null,
            CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        var s = outcome.Final;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"ingest-minute {names.Count} tickers x {years}y, {workers} workers{(chaos ? ", chaos" : string.Empty)}: exit {outcome.ExitCode}, {s.Bars:N0} bars, {s.Bytes / 1048576.0:F1} MB in {seconds:F1} s = {s.Bars / seconds:N0} bars/s, {transport.Metrics.Requests} requests, peak RSS {self.PeakWorkingSet64 / 1048576.0:F0} MB"));
        return outcome.ExitCode;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
