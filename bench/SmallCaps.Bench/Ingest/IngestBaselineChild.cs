using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Parquet;
using SmallCaps.TestSupport;

namespace SmallCaps.Bench.Ingest;

/// <summary>
/// The two comparison runs of the ingest benchmark, each in its own process, over the same task windows
/// as ingest-minute (ticker x calendar year) through the same transport at the same concurrency:
/// <c>download</c> fetches every page and throws the body away (only next_url is read);
/// <c>accumulate</c> is the seeds' pattern: every page of a ticker kept in memory, then one file written;
/// <c>inproc</c> runs the real ingest session in this process and adds GC figures (last-GC snapshots) and lake size.
/// Usage: ingest-child download|accumulate|inproc --base-url U --tickers-csv F --from D --to D --workers N
/// (BENCH_ALLOCATIONS=1 also prints the top allocating types, sampled from the runtime's AllocationTick events;
/// BENCH_TIMELINE=1 prints RSS against the GC's heap, committed bytes and generations every 5 s).
/// Prints one line with bars=, cpu= and hwm= for the parent.
/// </summary>
internal static class IngestBaselineChild
{
    private static readonly byte[] NextUrlKey = "\"next_url\":\""u8.ToArray();
    private static readonly byte[] CountKey = "\"resultsCount\":"u8.ToArray();

    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args[0];
        var baseUrl = new Uri(Option(args, "--base-url"));
        var tickers = File.ReadAllLines(Option(args, "--tickers-csv")).Skip(1).Where(l => l.Length > 0).ToList();
        var from = LocalDate.FromDateTime(DateTime.Parse(Option(args, "--from"), CultureInfo.InvariantCulture));
        var to = LocalDate.FromDateTime(DateTime.Parse(Option(args, "--to"), CultureInfo.InvariantCulture));
        var workers = int.Parse(Option(args, "--workers"), CultureInfo.InvariantCulture);
        var plan = IngestPlanner.Plan(BarDataset.Minute, tickers, new IngestRange(from, to, null), []);
        var options = new TransportOptions { BaseUrl = baseUrl, MaxWorkers = workers, MaxRequestsPerSecond = 1000 };
        using var transport = new MassiveTransport(options, ApiKey.Create("sim-key"), TimeProvider.System);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        long bars = 0;
        var watch = Stopwatch.StartNew();
        using var allocations = Environment.GetEnvironmentVariable("BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
        long peakHeap = 0, peakCommitted = 0, ticks = 0;
        var timeline = Environment.GetEnvironmentVariable("BENCH_TIMELINE") == "1";
        using var sampler = new Timer(_ =>
        {
            var info = GC.GetGCMemoryInfo();
            peakHeap = Math.Max(peakHeap, info.HeapSizeBytes);
            peakCommitted = Math.Max(peakCommitted, info.TotalCommittedBytes);

            // BENCH_TIMELINE=1: where memory goes over a long run (RSS vs the GC's view), every 5 s.
            if (timeline && ++ticks % 50 == 0)
            {
                var gens = info.GenerationInfo;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  t={watch.Elapsed.TotalSeconds,5:F0}s rss={ChildRun.ReadResidentBytes(Environment.ProcessId) / 1048576} heap={info.HeapSizeBytes / 1048576} committed={info.TotalCommittedBytes / 1048576} fragmented={info.FragmentedBytes / 1048576} gen0={gens[0].SizeAfterBytes / 1048576} gen1={gens[1].SizeAfterBytes / 1048576} gen2={gens[2].SizeAfterBytes / 1048576} loh={gens[3].SizeAfterBytes / 1048576} poh={gens[4].SizeAfterBytes / 1048576} gcs={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
            }
        });
        sampler.Change(100, 100);
        if (mode == "inproc")
        {
            // The real runner in this process, for GC figures the CLI does not print.
            using var dir = new TempDirectory("smallcaps-bench-inproc");
            var outcome = await IngestSession.RunAsync(
                new IngestOptions { Outdir = dir.Path, Dataset = BarDataset.Minute, MaxWorkers = workers },
                tickers,
                new IngestRange(from, to, null),
                new AggregatesBarSource(transport),
                TimeProvider.System,
                new Serilog.LoggerConfiguration().CreateLogger(),
                "bench",
                null,
                CancellationToken.None);
            bars = outcome.Final.Bars;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lake bytes={outcome.Final.Bytes} ({outcome.Final.Bytes / (double)bars:F2} B/bar)"));
        }
        else if (mode == "download")
        {
            await Parallel.ForEachAsync(plan, parallel, async (key, ct) =>
            {
                var n = await DownloadAsync(transport, key, ct);
                Interlocked.Add(ref bars, n);
            });
        }
        else
        {
            using var dir = new TempDirectory("smallcaps-bench-seeds");
            var client = new AggregatesClient(transport);
            await Parallel.ForEachAsync(plan.GroupBy(k => k.Ticker), parallel, async (ticker, ct) =>
            {
                var n = await AccumulateThenWriteAsync(client, ticker.Key, [.. ticker], dir.Path, ct);
                Interlocked.Add(ref bars, n);
            });
        }

        var wall = watch.Elapsed.TotalSeconds;
        foreach (var (type, bytes) in allocations?.Top(15) ?? [])
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  sampled alloc {bytes / 1048576.0,8:F1} MB  {type}"));
        }

        using var self = Process.GetCurrentProcess();
        var hwm = ChildRun.ReadHighWaterMark(Environment.ProcessId);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{mode}: tasks={plan.Count} bars={bars} wall={wall:F2} cpu={self.TotalProcessorTime.TotalSeconds:F2} hwm={hwm} requests={transport.Metrics.Requests} peak_gc_heap_mb={peakHeap / 1048576} peak_gc_committed_mb={peakCommitted / 1048576} allocated_mb={GC.GetTotalAllocatedBytes() / 1048576} threads={ThreadPool.ThreadCount} live_after_full_gc_mb={GC.GetTotalMemory(true) / 1048576} gc_count={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
        return 0;
    }

    // Same URLs as the client: the first page from the query, then next_url; the body is only searched, never parsed.
    private static async Task<long> DownloadAsync(MassiveTransport transport, TaskKey key, CancellationToken ct)
    {
        var query = new AggregatesQuery(key.Ticker, BarTimespan.Minute, key.WindowStart.ToDateOnly(), key.WindowEnd.ToDateOnly());
        var url = transport.Resolve(query.PathAndQuery());
        long bars = 0;
        while (true)
        {
            var (count, next) = await transport.GetPageAsync(url, Scan, ct);
            bars += count;
            if (next is null)
            {
                return bars;
            }

            url = new Uri(next);
        }
    }

    private static (long Count, string? Next) Scan(ReadOnlySequence<byte> body)
    {
        var span = body.IsSingleSegment ? body.FirstSpan : body.ToArray();
        long count = 0;
        var c = span.IndexOf(CountKey);
        if (c >= 0)
        {
            var digits = span[(c + CountKey.Length)..];
            for (var i = 0; i < digits.Length && digits[i] is >= (byte)'0' and <= (byte)'9'; i++)
            {
                count = (count * 10) + digits[i] - '0';
            }
        }

        var at = span.IndexOf(NextUrlKey);
        if (at < 0)
        {
            return (count, null);
        }

        var start = at + NextUrlKey.Length - 1;
        var end = start + 1;
        while (span[end] != '"' || span[end - 1] == '\\')
        {
            end++;
        }

        var raw = span[start..(end + 1)];
        var next = raw.Contains((byte)'\\') ? JsonSerializer.Deserialize<string>(raw) : Encoding.UTF8.GetString(raw[1..^1]);
        return (count, string.IsNullOrEmpty(next) ? null : next);
    }

    // The seeds' shape: one whole history of a ticker in growable lists, written only at the end.
    private static async Task<long> AccumulateThenWriteAsync(AggregatesClient client, string ticker, IReadOnlyList<TaskKey> windows, string outdir, CancellationToken ct)
    {
        var batch = new ColumnBatch(BarSchema.Schema, 4096);
        foreach (var key in windows)
        {
            var query = new AggregatesQuery(key.Ticker, BarTimespan.Minute, key.WindowStart.ToDateOnly(), key.WindowEnd.ToDateOnly());
            await client.FetchAsync(
                query,
                (page, _) =>
                {
                    for (var i = 0; i < page.Count; i++)
                    {
                        batch.StringColumn(BarSchema.Ticker).Append(ticker);
                        batch.Int64Column(BarSchema.T).Append(page.Time[i]);
                        batch.Int32Column(BarSchema.SessionDate).Append((int)(page.Time[i] / 86_400_000));
                        batch.DoubleColumn(BarSchema.O).Append(page.Open[i]);
                        batch.DoubleColumn(BarSchema.H).Append(page.High[i]);
                        batch.DoubleColumn(BarSchema.L).Append(page.Low[i]);
                        batch.DoubleColumn(BarSchema.C).Append(page.Close[i]);
                        batch.DoubleColumn(BarSchema.V).Append(page.Volume[i]);
                        if (page.HasVwap[i])
                        {
                            batch.DoubleColumn(BarSchema.Vw).Append(page.Vwap[i]);
                        }
                        else
                        {
                            batch.DoubleColumn(BarSchema.Vw).AppendNull();
                        }

                        if (page.HasTransactions[i])
                        {
                            batch.Int64Column(BarSchema.N).Append(page.Transactions[i]);
                        }
                        else
                        {
                            batch.Int64Column(BarSchema.N).AppendNull();
                        }

                        batch.BooleanColumn(BarSchema.Otc).Append(page.Otc[i]);
                    }

                    return ValueTask.CompletedTask;
                },
                ct);
        }

        var rows = batch.StringColumn(BarSchema.Ticker).Count;
        if (rows > 0)
        {
            await using var writer = ParquetFileWriter.CreateFile(Path.Combine(outdir, ticker + ".parquet"), BarSchema.Schema);
            await writer.WriteAsync(batch, ct);
            await writer.CompleteAsync(ct);
        }

        return rows;
    }

    private static string Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{name} is required");
    }
}
