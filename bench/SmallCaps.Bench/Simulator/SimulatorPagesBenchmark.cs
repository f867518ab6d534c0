using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SmallCaps.Simulator;

namespace SmallCaps.Bench.Simulator;

/// <summary>
/// `sim-pages`: how many 50,000-bar minute pages per second the simulator serves over loopback HTTP.
/// Usage: sim-pages [--pages N] [--clients C] [--ticker T] [--universe N] [--in-process]
/// --in-process builds the same pages without HTTP (the simulator's own CPU cost per page).
/// </summary>
internal static class SimulatorPagesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var pages = Arg(args, "--pages", 40);
        var clients = Arg(args, "--clients", 1);
        var universe = Arg(args, "--universe", 12_000);
        var ticker = args.SkipWhile(a => a != "--ticker").Skip(1).FirstOrDefault() ?? "AAPL";
        if (args.Contains("--in-process"))
        {
            return InProcess(ticker, pages, universe);
        }

        var startWatch = Stopwatch.StartNew();
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = universe });
        Console.WriteLine($"universe {universe} generated and listening in {startWatch.ElapsedMilliseconds} ms at {sim.BaseUrl}");
        using var http = new HttpClient { BaseAddress = sim.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", sim.ApiKey);

        // Warm-up: one page.
        await FetchChainAsync(http, ticker, "2010-01-01", 1);
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var starts = new[] { "2005-01-01", "2009-01-01", "2013-01-01", "2017-01-01", "2021-01-01", "2007-01-01", "2011-01-01", "2015-01-01" };
        var per = Math.Max(1, pages / clients);
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(i => FetchChainAsync(http, ticker, starts[i % starts.Length], per)));
        sw.Stop();
        var cpuUsed = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        var totalPages = results.Sum(r => r.Pages);
        var totalBars = results.Sum(r => r.Bars);
        var bytes = results.Sum(r => r.Bytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sim-pages ticker={ticker} clients={clients}: {totalPages} pages, {totalBars:N0} bars, {bytes / 1e6:F1} MB in {sw.Elapsed.TotalSeconds:F2} s -> {totalPages / sw.Elapsed.TotalSeconds:F2} pages/s, {totalBars / sw.Elapsed.TotalSeconds:N0} bars/s, {bytes / 1e6 / sw.Elapsed.TotalSeconds:F1} MB/s; CPU {cpuUsed:F2} s (server + this client) = {totalPages / cpuUsed:F1} pages per CPU-second"));
        return 0;
    }

    private static async Task<(int Pages, long Bars, long Bytes)> FetchChainAsync(HttpClient http, string ticker, string from, int pages)
    {
        var url = $"/v2/aggs/ticker/{ticker}/range/1/minute/{from}/2026-06-30?adjusted=true&sort=asc&limit=50000";
        long bars = 0, bytes = 0;
        var n = 0;
        for (; n < pages && url is not null; n++)
        {
            var body = await http.GetByteArrayAsync(new Uri(url, UriKind.RelativeOrAbsolute));
            bytes += body.Length;
            (var count, url) = ReadHeader(body);
            bars += count;
        }

        return (n, bars, bytes);
    }

    private static int InProcess(string ticker, int pages, int universe)
    {
        var market = new SmallCaps.Simulator.Market.MarketData(42, universe, new NodaTime.LocalDate(2026, 6, 30), new NodaTime.LocalDate(2003, 1, 2), true);
        if (Environment.GetEnvironmentVariable("SIM_GEN_ONLY") == "1")
        {
            for (var rep = 0; rep < 3; rep++)
            {
                var c0 = Process.GetCurrentProcess().TotalProcessorTime;
                double sum = 0;
                long count = 0;
                foreach (var b in market.Bars(ticker, SmallCaps.Simulator.Market.BarKind.Minute, 1104555600000, 1782792000000, true, false))
                {
                    sum += b.Close;
                    count++;
                }

                Console.WriteLine($"generate only: {count:N0} bars in {(Process.GetCurrentProcess().TotalProcessorTime - c0).TotalSeconds:F2} s CPU ({sum:F0})");
            }
        }

        var options = new SimulatorOptions();
        InProcessPass(market, options, ticker, Math.Min(8, pages), "2020-01-01", out _, out _);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var n = InProcessPass(market, options, ticker, pages, "2005-01-01", out var bars, out var bytes);
        sw.Stop();
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sim-pages in-process ticker={ticker} (after warm-up): {n} pages, {bars:N0} bars, {bytes / 1e6:F1} MB in {sw.Elapsed.TotalSeconds:F2} s wall, {cpuUsed.TotalSeconds:F2} s CPU -> {n / cpuUsed.TotalSeconds:F1} pages per CPU-second, {bars / cpuUsed.TotalSeconds:N0} bars per CPU-second"));
        return 0;
    }

    private static int InProcessPass(SmallCaps.Simulator.Market.MarketData market, SimulatorOptions options, string ticker, int pages, string? from, out long bars, out long bytes)
    {
        bars = 0;
        bytes = 0;
        var n = 0;
        for (; n < pages && from is not null; n++)
        {
            using var buffer = new SmallCaps.Simulator.Json.PooledBuffer();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
            {
                var ctx = new SmallCaps.Simulator.Endpoints.RequestContext
                {
                    Segments = ["v2", "aggs", "ticker", ticker, "range", "1", "minute", from, "2026-06-30"],
                    Query = SmallCaps.Simulator.Paging.QueryState.From([new("limit", "50000")]),
                    Json = json,
                    Output = buffer,
                    RequestId = "bench",
                    Market = market,
                    Options = options,
                    NextUrlBase = "http://127.0.0.1:1",
                };
                SmallCaps.Simulator.Endpoints.AggregatesEndpoint.Handle(ctx);
            }

            // Cheap scan: resultsCount sits near the start, next_url at the end (no full parse in the timing).
            var body = buffer.Written.Span;
            bytes += body.Length;
            var head = System.Text.Encoding.UTF8.GetString(body[..Math.Min(200, body.Length)]);
            var rc = head.IndexOf("\"resultsCount\":", StringComparison.Ordinal) + 15;
            bars += int.Parse(head.AsSpan(rc, head.IndexOf(',', rc) - rc), CultureInfo.InvariantCulture);
            var tail = System.Text.Encoding.UTF8.GetString(body[Math.Max(0, body.Length - 400)..]);
            var at = tail.IndexOf("\"next_url\":\"", StringComparison.Ordinal);
            from = at < 0 ? null : tail[(at + 12)..].Split('/')[^2];
        }

        return n;
    }

    // Only resultsCount (near the start) and next_url (at the end) are read: the bench client must cost little.
    private static (int Count, string? NextUrl) ReadHeader(byte[] body)
    {
        var head = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(200, body.Length));
        var rc = head.IndexOf("\"resultsCount\":", StringComparison.Ordinal) + 15;
        var count = int.Parse(head.AsSpan(rc, head.IndexOf(',', rc) - rc), CultureInfo.InvariantCulture);
        var tailStart = Math.Max(0, body.Length - 400);
        var tail = System.Text.Encoding.UTF8.GetString(body, tailStart, body.Length - tailStart);
        var at = tail.IndexOf("\"next_url\":\"", StringComparison.Ordinal);
        return (count, at < 0 ? null : tail[(at + 12)..tail.IndexOf('"', at + 12)]);
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
