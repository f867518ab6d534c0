using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SmallCaps.Parquet;
using SmallCaps.TestSupport;

namespace SmallCaps.Bench.Parquet;

/// <summary>
/// `parquet-write [--rows 1000000,10000000] [--dir D] [--keep]`: our writer vs DuckDB's COPY on the same minute bars.
/// Each of our runs happens in a child process so its peak working set is its own.
/// </summary>
internal static class WriteBenchmark
{
    private const int BatchRows = 65_536;

    public static async Task<int> RunAsync(string[] args)
    {
        var rowsList = Option(args, "--rows", "1000000,10000000").Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var dir = Option(args, "--dir", Path.Combine(Path.GetTempPath(), "smallcaps-bench-write"));
        Directory.CreateDirectory(dir);
        Console.WriteLine("Method: minute bars (8 tickers sorted, t ascending, o/h/l/c/v/vw double, n int64) generated deterministically.");
        Console.WriteLine("  ours:   a child process generates rows into a 64K-row ColumnBatch; only WriteAsync+CompleteAsync are timed (generation excluded),");
        Console.WriteLine("          after an untimed 300K-row warm-up write to Stream.Null (JIT tiering); default options (Snappy, 262,144-row groups);");
        Console.WriteLine("          peak memory = the child's Process.PeakWorkingSet64 and peak GC heap.");
        Console.WriteLine("  duckdb: @duckdb/node-api loads OUR file into an in-memory table (untimed), SET threads=1, then times only");
        Console.WriteLine("          COPY bars TO f (FORMAT parquet, COMPRESSION snappy). All three files are checked equal by DuckDB (EXCEPT ALL).");
        Console.WriteLine("  variants: numbers PLAIN (the default, per PARQUET_NOTES) and prices/volumes/counts with ColumnSpec.Dictionary opt-in.");
        Console.WriteLine();
        var results = new List<string[]>();
        foreach (var rows in rowsList)
        {
            var plain = Path.Combine(dir, $"ours-plain-{rows}.parquet");
            var dictionary = Path.Combine(dir, $"ours-dictionary-{rows}.parquet");
            var duck = Path.Combine(dir, $"duckdb-{rows}.parquet");
            var plainRun = await RunChildProcessAsync(rows, plain, "plain");
            var dictionaryRun = await RunChildProcessAsync(rows, dictionary, "dictionary");
            var duckStdout = await NodeOracle.RunScriptAsync("bench-duckdb-copy.mjs", [plain, duck, dictionary], TimeSpan.FromMinutes(20));
            using var duckJson = JsonDocument.Parse(duckStdout);
            var duckSeconds = duckJson.RootElement.GetProperty("copySeconds").GetDouble();
            var differing = duckJson.RootElement.GetProperty("differingRows").GetInt64() + duckJson.RootElement.GetProperty("differingRowsOther").GetInt64();
            var duckRate = rows / duckSeconds;
            var duckSize = new FileInfo(duck).Length;
            foreach (var (label, run, path) in new[] { ("ours (numbers PLAIN, default)", plainRun, plain), ("ours (numeric dictionary opt-in)", dictionaryRun, dictionary) })
            {
                var ourRate = rows / run.Seconds;
                var ourSize = new FileInfo(path).Length;
                results.Add([
                    rows.ToString("N0", CultureInfo.InvariantCulture), label,
                    $"{ourRate:N0}", $"{duckRate:N0}", $"{ourRate / duckRate:F2}",
                    $"{ourSize / 1048576.0:F1} MiB", $"{duckSize / 1048576.0:F1} MiB", $"{(double)ourSize / duckSize:F3}",
                    $"{run.PeakWorkingSet / 1048576.0:F0} MiB", $"{run.PeakGcHeap / 1048576.0:F0} MiB",
                    differing.ToString(CultureInfo.InvariantCulture),
                ]);
            }
        }

        string[] header = ["rows", "writer", "ours rows/s", "duckdb rows/s", "speed ratio", "ours size", "duckdb size", "size ratio", "ours peak WS", "ours peak GC heap", "rows differing"];
        PrintTable(header, results);
        if (!args.Contains("--keep"))
        {
            // The files run to gigabytes at 10M rows; --keep leaves them for inspection.
            Directory.Delete(dir, recursive: true);
        }

        return 0;
    }

    /// <summary>Child: writes the bars to a file and prints {seconds, peakWorkingSet, peakGcHeap} as JSON.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var rows = long.Parse(args[0], CultureInfo.InvariantCulture);
        var path = args[1];
        var schema = args.Length > 2 && args[2] == "dictionary" ? MinuteBarGenerator.DictionarySchema : MinuteBarGenerator.Schema;
        var batch = new ColumnBatch(schema, BatchRows);

        // Warm-up (untimed): lets the JIT reach optimised code, as a long ingest run would.
        var warmUp = new MinuteBarGenerator(300_000);
        await using (var writer = ParquetFileWriter.Create(Stream.Null, schema))
        {
            while (warmUp.Fill(batch, BatchRows) > 0)
            {
                await writer.WriteAsync(batch);
            }

            await writer.CompleteAsync();
        }

        var generator = new MinuteBarGenerator(rows);
        var watch = new Stopwatch();
        long peakHeap = 0;
        await using (var writer = ParquetFileWriter.CreateFile(path, schema))
        {
            while (generator.Fill(batch, BatchRows) > 0)
            {
                watch.Start();
                await writer.WriteAsync(batch);
                watch.Stop();
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
            }

            watch.Start();
            await writer.CompleteAsync();
            watch.Stop();
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(JsonSerializer.Serialize(new { seconds = watch.Elapsed.TotalSeconds, peakWorkingSet = process.PeakWorkingSet64, peakGcHeap = peakHeap }));
        return 0;
    }

    private static async Task<(double Seconds, long PeakWorkingSet, long PeakGcHeap)> RunChildProcessAsync(long rows, string path, string variant)
    {
        var self = Environment.ProcessPath!;
        var entry = typeof(WriteBenchmark).Assembly.Location;
        IReadOnlyList<string> childArgs = self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal)
            ? [entry, "parquet-write-child", rows.ToString(CultureInfo.InvariantCulture), path, variant]
            : ["parquet-write-child", rows.ToString(CultureInfo.InvariantCulture), path, variant];
        var (code, stdout, stderr) = await NodeOracle.RunProcessAsync(self, childArgs, Environment.CurrentDirectory, TimeSpan.FromMinutes(20));
        if (code != 0)
        {
            throw new InvalidOperationException($"child failed ({code}): {stderr}");
        }

        using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        return (root.GetProperty("seconds").GetDouble(), root.GetProperty("peakWorkingSet").GetInt64(), root.GetProperty("peakGcHeap").GetInt64());
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static void PrintTable(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine("| " + string.Join(" | ", header.Select((h, i) => h.PadRight(widths[i]))) + " |");
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var r in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", r.Select((c, i) => c.PadLeft(widths[i]))) + " |");
        }
    }
}
