using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SmallCaps.Parquet;
using SmallCaps.TestSupport;

namespace SmallCaps.Bench.Parquet;

/// <summary>
/// Verb <c>parquet-read</c>: scans every column of a minute-bar file written by our writer, single
/// threaded, and compares with DuckDB summing the same columns at <c>threads=1</c>.
/// Options: <c>--rows N</c> (default 10,000,000), <c>--file PATH</c> (kept and reused), <c>--runs N</c> (default 3).
/// </summary>
internal static class ReadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = IntOption(args, "--rows", 10_000_000);
        var runs = IntOption(args, "--runs", 3);
        var file = StringOption(args, "--file") ?? Path.Combine(Path.GetTempPath(), $"smallcaps-bench-bars-{rows}.parquet");
        if (!File.Exists(file))
        {
            var sw = Stopwatch.StartNew();
            await WriteMinuteBarsAsync(file, rows);
            Console.WriteLine($"wrote {rows:N0} bars to {file} ({new FileInfo(file).Length / 1e6:F1} MB) in {sw.Elapsed.TotalSeconds:F1} s");
        }

        var ours = double.MaxValue;
        var oursCpu = double.MaxValue;
        double checksum = 0;
        using var process = Process.GetCurrentProcess();
        for (var run = 0; run < runs; run++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            checksum = ScanAllColumns(file);
            ours = Math.Min(ours, sw.Elapsed.TotalSeconds);
            process.Refresh();
            oursCpu = Math.Min(oursCpu, (process.TotalProcessorTime - cpu0).TotalSeconds);
        }

        var (duck, duckCpu) = await DuckDbScanSecondsAsync(file, runs);
        Console.WriteLine($"smallcaps reader : {ours:F3} s wall, {oursCpu:F3} s CPU  {rows / ours / 1e6:F1} M rows/s  (checksum {checksum.ToString("R", CultureInfo.InvariantCulture)})");
        Console.WriteLine($"duckdb threads=1 : {duck:F3} s wall, {duckCpu:F3} s CPU  {rows / duck / 1e6:F1} M rows/s");
        Console.WriteLine($"ratio (ours/duckdb throughput): wall {duck / ours:F2}x, CPU {duckCpu / oursCpu:F2}x (target >= 0.5x; CPU is the steadier figure on a busy machine)");
        return 0;
    }

    /// <summary>Writes the same deterministic bars as <c>parquet-write</c>, with our writer's defaults (SNAPPY, dictionary tickers).</summary>
    private static async Task WriteMinuteBarsAsync(string path, int rows)
    {
        var generator = new MinuteBarGenerator(rows);
        var batch = new ColumnBatch(MinuteBarGenerator.Schema, 65_536);
        await using var writer = ParquetFileWriter.CreateFile(path, MinuteBarGenerator.Schema);
        while (generator.Fill(batch, 65_536) > 0)
        {
            await writer.WriteAsync(batch);
        }

        await writer.CompleteAsync();
    }

    /// <summary>Decodes every chunk of every row group and folds the values so nothing is skipped.</summary>
    internal static double ScanAllColumns(string file)
    {
        using var reader = ParquetFileReader.Open(file);
        double sum = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            for (var c = 0; c < reader.Columns.Count; c++)
            {
                var data = reader.ReadColumn(g, c);
                sum += Fold(data);
            }
        }

        return sum;
    }

    private static double Fold(ColumnData data)
    {
        double sum = 0;
        if (data.DoubleValues is { } d)
        {
            foreach (var v in d)
            {
                sum += v;
            }
        }
        else if (data.Int64Values is { } l)
        {
            long s = 0;
            foreach (var v in l)
            {
                s = unchecked(s + v);
            }

            sum += s;
        }
        else if (data.Int32Values is { } i)
        {
            long s = 0;
            foreach (var v in i)
            {
                s += v;
            }

            sum += s;
        }
        else if (data.BinaryValues is { } b)
        {
            long s = 0;
            foreach (var v in b)
            {
                s += v?.Length ?? 0;
            }

            sum += s;
        }

        return sum;
    }

    private static async Task<(double Wall, double Cpu)> DuckDbScanSecondsAsync(string file, int runs)
    {
        var json = await NodeOracle.RunScriptAsync("duckdb-scan-bench.mjs", [file, runs.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(10));
        using var doc = JsonDocument.Parse(json);
        return (doc.RootElement.GetProperty("bestMs").GetDouble() / 1000, doc.RootElement.GetProperty("bestCpuMs").GetDouble() / 1000);
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        StringOption(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static string? StringOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
