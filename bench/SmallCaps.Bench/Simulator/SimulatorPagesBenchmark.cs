using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SmallCaps.Simulator;

namespace SmallCaps.Bench.Simulator;

/// <summary>
/// `sim-pages`: how many 50,000-bar minute pages per second the simulator serves over loopback HTTP.
/// Usage: sim-pages [--pages N] [--clients C] [--ticker T] [--universe N]
/// </summary>
internal static class SimulatorPagesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var pages = Arg(args, "--pages", 40);
        var clients = Arg(args, "--clients", 1);
        var universe = Arg(args, "--universe", 12_000);
        var ticker = args.SkipWhile(a => a != "--ticker").Skip(1).FirstOrDefault() ?? "AAPL";
        var startWatch = Stopwatch.StartNew();
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = universe });
        Console.WriteLine($"universe {universe} generated and listening in {startWatch.ElapsedMilliseconds} ms at {sim.BaseUrl}");
        using var http = new HttpClient { BaseAddress = sim.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", sim.ApiKey);

        // Warm-up: one page.
        await FetchChainAsync(http, ticker, "2010-01-01", 1);
        var sw = Stopwatch.StartNew();
        var starts = new[] { "2005-01-01", "2009-01-01", "2013-01-01", "2017-01-01", "2021-01-01", "2007-01-01", "2011-01-01", "2015-01-01" };
        var per = Math.Max(1, pages / clients);
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(i => FetchChainAsync(http, ticker, starts[i % starts.Length], per)));
        sw.Stop();
        var totalPages = results.Sum(r => r.Pages);
        var totalBars = results.Sum(r => r.Bars);
        var bytes = results.Sum(r => r.Bytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sim-pages ticker={ticker} clients={clients}: {totalPages} pages, {totalBars:N0} bars, {bytes / 1e6:F1} MB in {sw.Elapsed.TotalSeconds:F2} s -> {totalPages / sw.Elapsed.TotalSeconds:F2} pages/s, {totalBars / sw.Elapsed.TotalSeconds:N0} bars/s, {bytes / 1e6 / sw.Elapsed.TotalSeconds:F1} MB/s"));
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

    // Only resultsCount and next_url are read (top-level tokens; the results array is skipped) so the client costs little.
    private static (int Count, string? NextUrl) ReadHeader(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        int count = 0;
        string? next = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "resultsCount")
            {
                count = reader.GetInt32();
            }
            else if (name == "next_url")
            {
                next = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return (count, next);
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
