using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SmallCaps.Core.Api;

namespace SmallCaps.Bench.Api;

/// <summary>
/// `decode-bars [--bars 50000] [--iterations 200] [--rounds 5] [--escaped-keys] [--streamed-only] [--template-only] [--vendor-mix]`: decodes a synthetic full aggregates page (vendor field order,
/// some exponent volumes, some bars without vw/n; with --vendor-mix a real minute page served by the in-process
/// simulator, integer volumes and grid prices like the vendor's) into one reused BarPage, first with the Utf8JsonReader decoder,
/// then with the streaming decoder in 64 KiB reads, and reports CPU-s per million bars, MB/s, bars/s and bytes
/// allocated per page for each.
/// </summary>
internal static class DecodeBarsBench
{
    /// <summary>Entry point for the bench dispatcher (<c>decode-bars</c>).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var bars = IntOption(args, "--bars", 50_000);
        var body = args.Contains("--vendor-mix") ? await VendorPage.FetchAsync(bars) : BuildPage(bars);
        return Run(args, body);
    }

    public static int Run(IReadOnlyList<string> args, byte[] body)
    {
        var iterations = IntOption(args, "--iterations", 200);
        if (args.Contains("--escaped-keys"))
        {
            // The worst case for the streaming decoder: every row has an escaped key, so every row takes the fallback.
            body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"t\":", "\"\\u0074\":", StringComparison.Ordinal));
        }

        if (args.Contains("--template-only"))
        {
            return TemplateRounds.Run(body, iterations, IntOption(args, "--rounds", 5));
        }

        var page = new BarPage();
        var decoder = new BarStreamDecoder(page);
        var sequence = new ReadOnlySequence<byte>(body);
        JsonPageReader.Read(sequence, page.Envelope, new BarRowReader(page));
        var bars = page.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decode-bars: page {bars} bars, {body.Length / 1024.0 / 1024.0:F2} MiB; {iterations} pages per decoder"));

        // The reader decoder (the rows' fallback) against the streaming one fed in 64 KiB reads, as from the network.
        // Rounds alternate and the best round counts: other processes on a shared machine only ever add time.
        Action reader = () => JsonPageReader.Read(sequence, page.Envelope, new BarRowReader(page));
        Action streamed = () =>
        {
            decoder.Reset();
            for (var offset = 0; offset < body.Length; offset += BarStreamDecoder.ChunkSize)
            {
                decoder.Write(body.AsSpan(offset, Math.Min(BarStreamDecoder.ChunkSize, body.Length - offset)));
            }

            decoder.Complete();
        };
        var rounds = IntOption(args, "--rounds", 5);
        var streamedOnly = args.Contains("--streamed-only");
        var perRound = Math.Max(1, iterations / rounds);
        DecodeRound? bestReader = null, bestStreamed = null;
        for (var r = 0; r < rounds; r++)
        {
            // --streamed-only skips the reader rounds (for profiling the streaming decoder alone).
            var a = streamedOnly ? new DecodeRound(double.NaN, double.NaN, double.NaN, double.NaN) : Measure("reader", bars, perRound, page, reader);
            var b = Measure("streamed", bars, perRound, page, streamed);
            if (a is null || b is null)
            {
                return 1;
            }

            bestReader = bestReader is null || a.CpuPerMillionBars < bestReader.CpuPerMillionBars || double.IsNaN(bestReader.CpuPerMillionBars) ? a : bestReader;
            bestStreamed = bestStreamed is null || b.CpuPerMillionBars < bestStreamed.CpuPerMillionBars ? b : bestStreamed;
        }

        Print("reader", body.Length, bestReader!);
        Print("streamed", body.Length, bestStreamed!);
        if (!streamedOnly)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  streamed / reader CPU: {bestStreamed!.CpuPerMillionBars / bestReader!.CpuPerMillionBars:F2} (best of {rounds} rounds of {perRound} pages each)"));
        }
        return 0;
    }

    // Null when the page did not decode fully.
    private static DecodeRound? Measure(string name, int bars, int iterations, BarPage page, Action decode)
    {
        // Warm up the JIT and size the page's buffers once.
        for (var i = 0; i < 3; i++)
        {
            decode();
        }

        if (page.Count != bars)
        {
            Console.Error.WriteLine($"decode-bars: {name} decoded {page.Count} bars, expected {bars}");
            return null;
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            decode();
        }

        stopwatch.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var millionBars = bars * (double)iterations / 1e6;
        return new DecodeRound(cpu / millionBars, stopwatch.Elapsed.TotalSeconds / iterations, millionBars / iterations, allocated / (double)iterations);
    }

    private static void Print(string name, int bodyBytes, DecodeRound r) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-8}: {r.CpuPerMillionBars:F3} CPU-s per M bars, {bodyBytes / r.SecondsPerPage / (1024 * 1024):F0} MiB/s, {r.MillionBarsPerPage / r.SecondsPerPage:F2} M bars/s, {r.SecondsPerPage * 1000:F2} ms/page, {r.AllocatedPerPage:F0} B allocated/page"));

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
