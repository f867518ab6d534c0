using SmallCaps.Bench.Api;
using SmallCaps.Bench.Parquet;

namespace SmallCaps.Bench;

/// <summary>Benchmark dispatcher: the first argument picks the benchmark, the rest are its options.</summary>
internal static class Program
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["parquet-write"] = WriteBenchmark.RunAsync,
        ["parquet-write-child"] = WriteBenchmark.RunChildAsync,
        ["parquet-read"] = ReadBenchmark.RunAsync,
        ["bar-files"] = BarFilesBenchmark.RunAsync,
        ["bar-files-ab"] = BarFilesAbBenchmark.RunAsync,
        ["sim-pages"] = Simulator.SimulatorPagesBenchmark.RunAsync,
        ["decode-bars"] = DecodeBarsBench.RunAsync,
        ["fetch-bars"] = FetchBarsBench.RunAsync,
        ["backup"] = Backup.BackupBenchmark.RunAsync,
        ["verify"] = Backup.VerifyBenchmark.RunAsync,
        ["quotes-rss"] = Ticks.QuotesRssBenchmark.RunAsync,
        ["ingest"] = Ingest.IngestBenchmark.RunAsync,
        ["ingest-child"] = Ingest.IngestBaselineChild.RunAsync,
    };

    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !Verbs.TryGetValue(args[0], out var run))
        {
            Console.Error.WriteLine($"usage: SmallCaps.Bench <{string.Join('|', Verbs.Keys)}> [options]");
            return 2;
        }

        return await run(args[1..]);
    }
}
