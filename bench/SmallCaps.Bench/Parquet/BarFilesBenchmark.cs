using System.Diagnostics;
using System.Globalization;
using SmallCaps.Core.Lake;
using SmallCaps.Parquet;

namespace SmallCaps.Bench.Parquet;

/// <summary>
/// `bar-files [--files 40] [--rows 200000] [--reuse] [--per-column] [--phases] [--encoder-phases] [--layout] [--column n=delta,vw=plain] [--alloc-types] [--hash] [--workers 1] [--stage-only] [--dictionary-limit 65536] [--compression snappy|none] [--snappy-general] [--seed 0-3] [--data synthetic|sim]`: writes minute-bar
/// files exactly as the lake does (BarSchema, 65,536-row groups, 8,192-row pages, 64 KiB dictionary limit,
/// 8,192-row staging slices) to a counting null stream, one after another on one thread like an ingest worker.
/// Rows are staged as BarPartFile stages them (one bulk copy per column per 8,192-row batch). `--snappy-general` sends PLAIN
/// pages of 8-byte values through the general Snappy search instead of the value-start one (to compare the two).
/// Reports CPU-s per million rows, bytes allocated per file and GC counts. `--data sim` writes a year of the simulator's own
/// minute bars for four listings instead of BarFileData's synthetic walk (whose sub-$5 shapes barely move: see BarFileData).
/// </summary>
internal static class BarFilesBenchmark
{
    private const int StageRows = 8192;

    public static async Task<int> RunAsync(string[] args)
    {
        var files = int.Parse(Option(args, "--files", "40"), CultureInfo.InvariantCulture);
        var rows = int.Parse(Option(args, "--rows", "200000"), CultureInfo.InvariantCulture);
        var reuse = args.Contains("--reuse");
        SmallCaps.Parquet.Writing.FixedWidthColumnWriter<double>.Values8Snappy = !args.Contains("--snappy-general");
        SmallCaps.Parquet.Writing.FixedWidthColumnWriter<long>.Values8Snappy = !args.Contains("--snappy-general");
        // A fixed created_by keeps --hash comparable between builds of different commits.
        var options = new ParquetWriterOptions { RowGroupRows = 65_536, PageRows = 8192, DictionaryPageLimitBytes = 64 * 1024, CreatedBy = "smallcaps version 0.0.0 (build bench)" };
        options.DictionaryPageLimitBytes = int.Parse(Option(args, "--dictionary-limit", "65536"), CultureInfo.InvariantCulture);
        if (Option(args, "--compression", "snappy") == "none")
        {
            options.Compression = ParquetCompression.None;
        }

        // Four distinct (ticker, year) shapes, cycled: generating values is not what is measured.
        // --seed N keeps one shape (to see which price level costs what).
        var seeds = args.Contains("--seed") ? [int.Parse(Option(args, "--seed", "0"), CultureInfo.InvariantCulture)] : Enumerable.Range(0, 4).ToArray();
        // --data sim: the simulator's own minute bars instead (rows per file then vary; the figures use their mean, files cycle evenly).
        var data = Option(args, "--data", "synthetic") == "sim" ? SimulatorBarFiles.Load(int.Parse(Option(args, "--universe", "3000"), CultureInfo.InvariantCulture)) : seeds.Select(seed => new BarFileData(rows, seed)).ToArray();
        rows = (int)data.Average(d => (double)d.Rows);
        Console.WriteLine($"bar-files: {files} files x {rows:N0} rows, BarSchema, RowGroupRows 65,536, PageRows 8,192, dictionary limit {options.DictionaryPageLimitBytes:N0} B, {options.Compression}, reuse={reuse}");
        var workers = int.Parse(Option(args, "--workers", "1"), CultureInfo.InvariantCulture);
        if (workers > 1)
        {
            await RunParallelAsync(options, data, files, rows, reuse, workers);
            return 0;
        }

        if (args.Contains("--stage-only"))
        {
            StageOnly(data, files, rows);
            return 0;
        }

        // --column NAME=dictionary|plain|delta|split[,...]: BarSchema with those columns' encodings changed (to weigh a schema change).
        var schemaUnderTest = WithColumnChoices(Option(args, "--column", string.Empty));
        if (args.Contains("--layout"))
        {
            var layoutBatch = new ColumnBatch(schemaUnderTest, 4096);
            await BarFileLayout.RunAsync(data, schemaUnderTest, options, async (writer, d) =>
            {
                for (var from = 0; from < d.Rows; from += StageRows)
                {
                    layoutBatch.Clear();
                    Stage(schemaUnderTest, layoutBatch, d, from, Math.Min(StageRows, d.Rows - from));
                    await writer.WriteAsync(layoutBatch);
                }

                await writer.CompleteAsync();
            });
        }

        if (args.Contains("--encoder-phases"))
        {
            BarEncoderPhases.Run(data);
        }

        if (args.Contains("--phases"))
        {
            BarPhaseTimings.Run(data[data.Length > 1 ? 2 : 0]);
        }

        if (args.Contains("--per-column"))
        {
            foreach (var column in schemaUnderTest.Columns)
            {
                var schema = new ParquetSchema([column]);
                await RunAsync(args, schema, options, data, files, rows, reuse, column.Name);
            }
        }

        await RunAsync(args, schemaUnderTest, options, data, files, rows, reuse, "all columns");
        return 0;
    }

    private static async Task RunAsync(string[] args, ParquetSchema schema, ParquetWriterOptions options, BarFileData[] data, int files, int rows, bool reuse, string label)
    {
        var batch = new ColumnBatch(schema, 4096);
        var buffers = reuse ? new ParquetWriteBuffers() : null;

        // Warm-up (untimed) so tiered JIT reaches optimised code, as in a long ingest run.
        for (var f = 0; f < 20; f++)
        {
            await WriteFileAsync(schema, options, buffers, batch, data[f % data.Length], new CountingStream(), null);
        }

        using var sampler = args.Contains("--alloc-types") ? new AllocationSampler() : null;
        GC.Collect();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var writeWatch = new Stopwatch();
        long bytes = 0;
        using var hash = args.Contains("--hash") ? System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256) : null;
        var bestFile = TimeSpan.MaxValue;

        // Per data set too: the overall best is always the cheapest data set's, and a change may help the others more.
        var bestByData = Enumerable.Repeat(TimeSpan.MaxValue, data.Length).ToArray();
        for (var f = 0; f < files; f++)
        {
            var sink = new CountingStream(hash);
            var before = writeWatch.Elapsed;
            await WriteFileAsync(schema, options, buffers, batch, data[f % data.Length], sink, writeWatch);
            bestFile = writeWatch.Elapsed - before < bestFile ? writeWatch.Elapsed - before : bestFile;
            bestByData[f % data.Length] = writeWatch.Elapsed - before < bestByData[f % data.Length] ? writeWatch.Elapsed - before : bestByData[f % data.Length];
            bytes += sink.Length;
        }

        wall.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var millions = (double)files * rows / 1e6;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {label,-12} process CPU {cpu / millions:F3} s/M rows (wall {wall.Elapsed.TotalSeconds / millions:F3}, writer calls {writeWatch.Elapsed.TotalSeconds / millions:F3}, best file {bestFile.TotalSeconds / (rows / 1e6):F3}) | alloc {allocated / files / 1024.0:N0} KiB/file | GC gen0 {GC.CollectionCount(0) - gen0} gen1 {GC.CollectionCount(1) - gen1} gen2 {GC.CollectionCount(2) - gen2} | {bytes / (double)files / 1024:N0} KiB/file"));
        if (data.Length > 1 && files >= data.Length)
        {
            Console.WriteLine("    best file by data set (s/M rows): " + string.Join(", ", data.Select((d, i) => string.Create(CultureInfo.InvariantCulture, $"{d.Ticker} {bestByData[i].TotalSeconds / (d.Rows / 1e6):F4}"))));
        }

        if (buffers is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ParquetWriteBuffers kept between files: {buffers.RetainedBytes / 1024.0:N0} KiB"));
            buffers.Dispose();
        }

        if (hash is not null)
        {
            Console.WriteLine($"    SHA-256 of all files: {Convert.ToHexString(hash.GetHashAndReset())}");
        }

        foreach (var (type, samples) in sampler?.Samples.OrderByDescending(p => p.Value).Take(12) ?? [])
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ~{samples * 100} KB {type}"));
        }
    }

    /// <summary>Like ingest: <paramref name="workers"/> tasks each write their share of files one after another, each with its own batch (and buffers).</summary>
    private static async Task RunParallelAsync(ParquetWriterOptions options, BarFileData[] data, int files, int rows, bool reuse, int workers)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var batch = new ColumnBatch(BarSchema.Schema, 4096);
            using var buffers = reuse ? new ParquetWriteBuffers() : null;
            int f;
            while ((f = Interlocked.Increment(ref next)) < files)
            {
                await WriteFileAsync(BarSchema.Schema, options, buffers, batch, data[f % data.Length], new CountingStream(), null);

                // Yield between files, as a worker awaiting its next download would.
                await Task.Yield();
            }
        })));
        wall.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var millions = (double)files * rows / 1e6;
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {workers} workers: CPU {cpu / millions:F3} s/M rows (wall {wall.Elapsed.TotalSeconds / millions:F3}) | alloc {allocated / files / 1024.0:N0} KiB/file | GC gen0 {GC.CollectionCount(0) - gen0} gen1 {GC.CollectionCount(1) - gen1} gen2 {GC.CollectionCount(2) - gen2} | peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MiB"));
    }

    internal static async Task WriteFileAsync(ParquetSchema schema, ParquetWriterOptions options, ParquetWriteBuffers? buffers, ColumnBatch batch, BarFileData data, Stream sink, Stopwatch? watch)
    {
        using var writer = buffers is null ? ParquetFileWriter.Create(sink, schema, options) : ParquetFileWriter.Create(sink, schema, options, buffers);
        for (var from = 0; from < data.Rows; from += StageRows)
        {
            batch.Clear();
            Stage(schema, batch, data, from, Math.Min(StageRows, data.Rows - from));
            watch?.Start();
            await writer.WriteAsync(batch);
            watch?.Stop();
        }

        watch?.Start();
        await writer.CompleteAsync();
        watch?.Stop();
    }

    /// <summary>The staging loop alone (what BarPartFile does before each WriteAsync), to subtract from the process CPU.</summary>
    private static void StageOnly(BarFileData[] data, int files, int rows)
    {
        var batch = new ColumnBatch(BarSchema.Schema, 4096);
        for (var pass = 0; pass < 2; pass++)
        {
            // Pass 0 warms up; pass 1 is measured.
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            for (var f = 0; f < (pass == 0 ? 20 : files); f++)
            {
                var d = data[f % data.Length];
                for (var from = 0; from < d.Rows; from += StageRows)
                {
                    batch.Clear();
                    Stage(BarSchema.Schema, batch, d, from, Math.Min(StageRows, d.Rows - from));
                }
            }

            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            if (pass == 1)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  staging only: process CPU {cpu / ((double)files * rows / 1e6):F3} s/M rows"));
            }
        }
    }

    // Mirrors BarPartFile.StageInOrder (the path every in-order slice takes): one bulk copy per column, the ticker
    // repeated, session dates copied in 512-row runs as BarPartFile computes them.
    private static readonly bool[] NoOtc = new bool[StageRows];

    private static void Stage(ParquetSchema schema, ColumnBatch batch, BarFileData d, int from, int count)
    {
        var ticker = System.Text.Encoding.UTF8.GetBytes(d.Ticker);
        for (var c = 0; c < schema.Columns.Count; c++)
        {
            switch (schema.Columns[c].Name)
            {
                case "ticker":
                    batch.StringColumn(c).AppendRepeated(ticker, count);
                    break;
                case "t":
                    batch.Int64Column(c).Append(d.Time.AsSpan(from, count));
                    break;
                case "session_date":
                    var sessionDate = batch.Int32Column(c);
                    for (var at = 0; at < count; at += 512)
                    {
                        sessionDate.Append(d.SessionDate.AsSpan(from + at, Math.Min(512, count - at)));
                    }

                    break;
                case "o":
                    batch.DoubleColumn(c).Append(d.Open.AsSpan(from, count));
                    break;
                case "h":
                    batch.DoubleColumn(c).Append(d.High.AsSpan(from, count));
                    break;
                case "l":
                    batch.DoubleColumn(c).Append(d.Low.AsSpan(from, count));
                    break;
                case "c":
                    batch.DoubleColumn(c).Append(d.Close.AsSpan(from, count));
                    break;
                case "v":
                    batch.DoubleColumn(c).Append(d.Volume.AsSpan(from, count));
                    break;
                case "vw":
                    batch.DoubleColumn(c).Append(d.Vwap.AsSpan(from, count), d.HasVwap.AsSpan(from, count));
                    break;
                case "n":
                    batch.Int64Column(c).Append(d.Transactions.AsSpan(from, count), d.HasTransactions.AsSpan(from, count));
                    break;
                case "otc":
                    batch.BooleanColumn(c).Append(NoOtc.AsSpan(0, count));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown bar column {schema.Columns[c].Name}.");
            }
        }
    }

    private static ParquetSchema WithColumnChoices(string choices)
    {
        var columns = BarSchema.Schema.Columns.ToList();
        foreach (var choice in choices.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, how) = (choice.Split('=')[0], choice.Split('=')[1]);
            var at = columns.FindIndex(c => c.Name == name);
            columns[at] = how switch
            {
                "dictionary" => columns[at] with { Dictionary = true, Encoding = ColumnEncoding.Default },
                "plain" => columns[at] with { Dictionary = false, Encoding = ColumnEncoding.Default },
                "delta" => columns[at] with { Dictionary = false, Encoding = ColumnEncoding.DeltaBinaryPacked },
                "split" => columns[at] with { Dictionary = false, Encoding = ColumnEncoding.ByteStreamSplit },
                "dictionary-split" => columns[at] with { Dictionary = true, Encoding = ColumnEncoding.ByteStreamSplit },
                _ => throw new ArgumentException($"Unknown column choice {how}."),
            };
            Console.WriteLine($"  column {name}: {columns[at]}");
        }

        return new ParquetSchema(columns);
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
