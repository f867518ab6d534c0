using System.Diagnostics;
using System.Globalization;
using System.Text;
using SmallCaps.Core.Api;

namespace SmallCaps.Bench.Api;

/// <summary>
/// `decode-bars [--bars 50000] [--iterations 200]`: decodes a synthetic full aggregates page (vendor field order,
/// some exponent volumes, some bars without vw/n) into one reused BarPage and reports MB/s, bars/s and bytes
/// allocated per page.
/// </summary>
internal static class DecodeBarsBench
{
    /// <summary>Entry point for the bench dispatcher (<c>decode-bars</c>).</summary>
    public static Task<int> RunAsync(string[] args) => Task.FromResult(Run(args));

    public static int Run(IReadOnlyList<string> args)
    {
        var bars = IntOption(args, "--bars", 50_000);
        var iterations = IntOption(args, "--iterations", 200);
        var body = BuildPage(bars);
        var page = new BarPage();

        // Warm up the JIT and size the page's buffers once.
        for (var i = 0; i < 5; i++)
        {
            BarPageDecoder.Decode(body, page);
        }

        if (page.Count != bars)
        {
            Console.Error.WriteLine($"decode-bars: decoded {page.Count} bars, expected {bars}");
            return 1;
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            BarPageDecoder.Decode(body, page);
        }

        stopwatch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var megabytes = (double)body.Length * iterations / (1024 * 1024);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decode-bars: page {bars} bars, {body.Length / 1024.0 / 1024.0:F2} MiB; {iterations} pages in {seconds:F3} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {megabytes / seconds:F0} MiB/s, {bars * (double)iterations / seconds / 1e6:F2} M bars/s, {seconds * 1000 / iterations:F2} ms/page, {allocated / (double)iterations:F0} B allocated/page"));
        return 0;
    }

    /// <summary>A body shaped like the vendor's: keys in its order, v sometimes in exponent form, vw/n sometimes missing.</summary>
    public static byte[] BuildPage(int bars)
    {
        var random = new Random(42);
        var json = new StringBuilder(bars * 110);
        json.Append("""{"ticker":"SMCP","queryCount":""").Append(bars).Append(""","resultsCount":""").Append(bars).Append(""","adjusted":true,"results":[""");
        var t = 1_704_186_000_000L;
        var price = 3.21;
        for (var i = 0; i < bars; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            price = Math.Max(0.01, Math.Round(price * (1 + ((random.NextDouble() - 0.5) * 0.01)), 4));
            var high = Math.Round(price * 1.002, 4);
            var low = Math.Round(price * 0.998, 4);
            var volume = random.Next(100, 2_000_000);
            var v = volume > 1_000_000 ? (volume / 1e6).ToString("0.######", CultureInfo.InvariantCulture) + "e+06" : volume.ToString(CultureInfo.InvariantCulture);
            json.Append(CultureInfo.InvariantCulture, $$"""{"v":{{v}},""");
            if (i % 17 != 0)
            {
                json.Append(CultureInfo.InvariantCulture, $$"""
                    "vw":{{Math.Round((high + low) / 2, 4)}},
                    """);
            }

            json.Append(CultureInfo.InvariantCulture, $$"""
                "o":{{price}},"c":{{low}},"h":{{high}},"l":{{low}},"t":{{t}}
                """);
            if (i % 13 != 0)
            {
                json.Append(CultureInfo.InvariantCulture, $$""","n":{{random.Next(1, 900)}}""");
            }

            json.Append('}');
            t += 60_000L * random.Next(1, 4);
        }

        json.Append("""],"status":"OK","request_id":"6a7e466379af0a71039d60cc78e72282","count":""").Append(bars).Append('}');
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static int IntOption(IReadOnlyList<string> args, string name, int fallback)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }

        return fallback;
    }
}
