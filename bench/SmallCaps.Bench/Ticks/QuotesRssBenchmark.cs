using System.Diagnostics;
using System.Globalization;
using NodaTime;
using Serilog;
using SmallCaps.Core.Http;
using SmallCaps.Core.Manifest;
using SmallCaps.Core.Ticks;
using SmallCaps.Parquet;
using SmallCaps.TestSupport;

namespace SmallCaps.Bench.Ticks;

/// <summary>
/// Peak RSS of ingesting one session of many quotes (default 5,000,000) through the real transport, decoder,
/// ledger and Parquet writer; the API is an in-process synthetic handler (no sockets).
/// Usage: quotes-rss [--quotes 5000000] [--hz H] [--keep]
/// </summary>
internal static class QuotesRssBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var total = LongOption(args, "--quotes", 5_000_000);
        var hzAt = Array.IndexOf(args, "--hz");
        double? hz = hzAt >= 0 ? double.Parse(args[hzAt + 1], CultureInfo.InvariantCulture) : null;
        var day = new LocalDate(2024, 3, 15);
        var start = SessionHours.OpenNs(day);
        var end = SessionHours.CloseNs(day);
        var baseUrl = new Uri("http://bench.invalid");
        using var handler = new SyntheticQuotesHandler(total, start, end, baseUrl);
        using var dir = new TempDirectory("smallcaps-bench");
        var options = new TransportOptions { BaseUrl = baseUrl, MaxWorkers = 1, MaxRequestsPerSecond = 1000 };
        using var transport = new MassiveTransport(options, ApiKey.Create("bench-key"), TimeProvider.System, innerHandler: handler);
        var dataset = hz is { } h ? TickDataset.SampledQuotes(h) : TickDataset.Quotes;
        var watch = Stopwatch.StartNew();
        var outcome = await TickSession.RunAsync(
            new TickIngestOptions { Outdir = dir.Path, Dataset = dataset, MaxWorkers = 1 },
            [new ManifestWindow("SYN", day, start, end)],
            new TicksClient(transport),
            TimeProvider.System,
            new LoggerConfiguration().CreateLogger(),
            "bench",
            null,
            null,
            CancellationToken.None);
        var seconds = watch.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        var file = Directory.EnumerateFiles(dir.Path, "*.parquet", SearchOption.AllDirectories).Single();
        using var reader = ParquetFileReader.Open(file);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"quotes-rss {total:N0} quotes{(hz is null ? string.Empty : $" sampled {hz} Hz")}: exit {outcome.ExitCode}, {reader.RowCount:N0} rows in file, {reader.RowGroupCount} row groups, {new FileInfo(file).Length / 1048576.0:F1} MB, {handler.Pages} pages, {seconds:F1} s = {total / seconds:N0} quotes/s, peak RSS {self.PeakWorkingSet64 / 1048576.0:F0} MB, GC heap now {GC.GetTotalMemory(false) / 1048576.0:F0} MB"));
        return outcome.ExitCode;
    }

    private static long LongOption(string[] args, string name, long fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
