using System.Diagnostics;
using System.Globalization;
using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Simulator;

namespace SmallCaps.Bench.Api;

/// <summary>
/// `fetch-bars [--tickers 16] [--workers 8] [--from 2024-01-02] [--to 2024-06-28] [--chaos]`: minute bars of
/// several CS tickers from an in-process simulator through the real transport (one HttpClient, rate gate,
/// retries) and decoder, streams in parallel. Reports requests/s, bars/s, MiB/s and peak working set.
/// The simulator shares the machine, so the figures are a floor for the client, not its ceiling.
/// </summary>
internal static class FetchBarsBench
{
    public static Task<int> RunAsync(string[] args) => RunCoreAsync(args);

    private static async Task<int> RunCoreAsync(IReadOnlyList<string> args)
    {
        var tickerCount = int.Parse(Option(args, "--tickers", "16"), CultureInfo.InvariantCulture);
        var workers = int.Parse(Option(args, "--workers", "8"), CultureInfo.InvariantCulture);
        var from = DateOnly.Parse(Option(args, "--from", "2024-01-02"), CultureInfo.InvariantCulture);
        var to = DateOnly.Parse(Option(args, "--to", "2024-06-28"), CultureInfo.InvariantCulture);
        var simOptions = new SimulatorOptions { UniverseSize = 2000, Chaos = args.Contains("--chaos") };
        await using var sim = await SimulatorHost.StartAsync(simOptions);
        var tickers = sim.Truth.Tickers()
            .Where(t => t.Type == "CS" && t.Active && t.PrimaryExchange is "XNAS" or "XNYS" && t.ListDate.Year < 2020)
            .Select(t => t.Ticker)
            .Take(tickerCount)
            .ToList();

        var options = new TransportOptions
        {
            BaseUrl = sim.BaseUrl,
            MaxWorkers = workers,
            MaxRequestsPerSecond = 10_000,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(100),
            RateLimitPause = TimeSpan.FromMilliseconds(10),
        };
        using var transport = new MassiveTransport(options, ApiKey.Create(sim.ApiKey));
        var client = new AggregatesClient(transport);
        long bars = 0;
        var peak = 0L;
        using var sampler = new Timer(_ => Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), Environment.WorkingSet)), null, 0, 50);
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(tickers, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (ticker, ct) =>
        {
            var result = await client.FetchAsync(new AggregatesQuery(ticker, BarTimespan.Minute, from, to), (_, _) => ValueTask.CompletedTask, ct);
            Interlocked.Add(ref bars, result.Bars);
        });
        stopwatch.Stop();
        var m = transport.Metrics;
        var seconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"fetch-bars: {tickers.Count} tickers x {from:yyyy-MM-dd}..{to:yyyy-MM-dd} minute bars, {workers} workers{(simOptions.Chaos ? ", chaos faults" : "")}");
        Console.WriteLine($"  {bars:N0} bars, {m.Pages} pages, {m.Requests} requests ({m.Retries} retries, {m.RateLimited} 429s, {m.Failures} failures) in {seconds:F2} s");
        Console.WriteLine($"  {m.Requests / seconds:F1} req/s, {bars / seconds / 1e6:F2} M bars/s, {m.BytesReceived / seconds / 1024 / 1024:F1} MiB/s, peak working set {peak / 1024.0 / 1024.0:F0} MiB (simulator included)");
        return m.Failures == 0 ? 0 : 1;
    }

    private static string Option(IReadOnlyList<string> args, string name, string fallback)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return fallback;
    }
}
