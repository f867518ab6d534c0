using System.Diagnostics;
using System.Globalization;
using NodaTime;
using SmallCaps.Core.Input;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Truth;
using SmallCaps.TestSupport;

namespace SmallCaps.Bench.Ingest;

/// <summary>
/// Issue #4 figures for ingest-minute, every run in its own process against a simulator in yet another
/// process (so no run pays for the simulator or for another run's peak):
/// download-only baseline, the real CLI (long and short history), and the seeds' accumulate-then-write.
/// Usage: ingest [--tickers 16] [--years 20] [--short-years 5] [--workers 16] [--pick median|thin|liquid]
///   [--universe-size 3000] [--skip-accumulate] [--rounds 1] [--cli smallcaps.dll]
/// --rounds N repeats the long download/ingest pair N times in alternation and adds each pair's ratios and their medians
/// (on 2 shared cores one pair's ratios move with the machine).
/// Build first: dotnet build src/SmallCaps.Cli -c Release; dotnet build bench/SmallCaps.Bench -c Release.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = IntOption(args, "--tickers", 16);
        var years = IntOption(args, "--years", 20);
        var shortYears = IntOption(args, "--short-years", 5);
        var workers = IntOption(args, "--workers", 16);
        var universe = IntOption(args, "--universe-size", 3000);
        var pick = StringOption(args, "--pick", "median");
        var cli = StringOption(args, "--cli", Path.Combine(RepoPaths.Root, "src", "SmallCaps.Cli", "bin", "Release", "net10.0", "smallcaps.dll"));
        var self = typeof(IngestBenchmark).Assembly.Location;
        var to = new LocalDate(2025, 12, 31);
        var from = new LocalDate(to.Year - years + 1, 1, 1);
        var shortFrom = new LocalDate(to.Year - shortYears + 1, 1, 1);

        var tickers = PickTickers(universe, from, count, pick);
        using var dir = new TempDirectory("smallcaps-bench-ingest");
        var csv = Path.Combine(dir.Path, "tickers.csv");
        await File.WriteAllLinesAsync(csv, ["ticker", .. tickers.Select(t => t.Ticker)]);
        Console.WriteLine($"tickers ({pick}, est. bars/year from a sample week): {string.Join(", ", tickers.Select(t => $"{t.Ticker}~{t.PerYear / 1000:N0}k"))}");

        using var sim = StartSimulator(cli, universe, out var baseUrl);
        Console.WriteLine($"simulator pid {sim.Id} at {baseUrl}; {workers} workers, {SmallCaps.Core.Calendar.IsoDate.Format(from)}..{SmallCaps.Core.Calendar.IsoDate.Format(to)} vs {SmallCaps.Core.Calendar.IsoDate.Format(shortFrom)}..{SmallCaps.Core.Calendar.IsoDate.Format(to)}");
        try
        {
            string Range(LocalDate f) => $"{f:yyyy-MM-dd}";
            string[] Child(string mode, LocalDate f) =>
                [self, "ingest-child", mode, "--base-url", baseUrl, "--tickers-csv", csv, "--from", Range(f), "--to", Range(to), "--workers", workers.ToString(CultureInfo.InvariantCulture)];
            string[] Cli(LocalDate f, string outdir) =>
                [cli, "ingest-minute", "--tickers-csv", csv, "--outdir", outdir, "--from", Range(f), "--to", Range(to), "--max-workers", workers.ToString(CultureInfo.InvariantCulture), "--max-rps", "1000", "--base-url", baseUrl];
            var env = new Dictionary<string, string> { ["MASSIVE_API_KEY"] = "sim-key" };

            // The simulator's CPU during each run: on 2 cores it competes with the run, so it explains the wall ratio.
            var simCpu = new Dictionary<string, double>();
            async Task<ChildRun> Measure(string label, IReadOnlyList<string> arguments, IDictionary<string, string>? environment)
            {
                sim.Refresh();
                var before = sim.TotalProcessorTime;
                var run = await ChildRun.MeasureAsync(label, arguments, environment);
                sim.Refresh();
                simCpu[label] = (sim.TotalProcessorTime - before).TotalSeconds;
                return run;
            }

            // The baselines run under the runtime settings the tool ships with (its runtimeconfig), so only the work differs.
            var runtime = new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0", ["DOTNET_GCgen0MaxBudget"] = "0x1000000" };

            var download = await Measure($"download-only {years}y", Child("download", from), runtime);
            var bars = (long)(ChildRun.Field(download.Output, "bars=") ?? 0);
            var ingest = await Measure($"ingest-minute {years}y", Cli(from, Path.Combine(dir.Path, "lake-long")), env);
            var pairs = new List<(double Cpu, double Wall)> { (ingest.CpuSeconds / download.CpuSeconds, ingest.WallSeconds / download.WallSeconds) };
            for (var round = 2; round <= IntOption(args, "--rounds", 1); round++)
            {
                var d = await Measure($"download r{round}", Child("download", from), runtime);
                var lake = Path.Combine(dir.Path, $"lake-long-{round}");
                var i = await Measure($"ingest r{round}", Cli(from, lake), env);
                pairs.Add((i.CpuSeconds / d.CpuSeconds, i.WallSeconds / d.WallSeconds));
                Directory.Delete(lake, recursive: true);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: download {d.WallSeconds:F1} s wall {d.CpuSeconds:F1} s CPU (sim {simCpu[d.Label]:F1}), ingest {i.WallSeconds:F1} s wall {i.CpuSeconds:F1} s CPU (sim {simCpu[i.Label]:F1})"));
            }
            var seeds = args.Contains("--skip-accumulate") ? null : await Measure($"seeds accumulate {years}y", Child("accumulate", from), runtime);
            var shortDownload = await Measure($"download-only {shortYears}y", Child("download", shortFrom), runtime);
            var shortBars = (long)(ChildRun.Field(shortDownload.Output, "bars=") ?? 0);
            var shortIngest = await Measure($"ingest-minute {shortYears}y", Cli(shortFrom, Path.Combine(dir.Path, "lake-short")), env);

            Console.WriteLine();
            Console.WriteLine($"{"run",-26} {"exit",4} {"bars",12} {"wall s",8} {"CPU s",8} {"CPU s/Mbar",10} {"kernel s",8} {"peak RSS MB",11} {"sim CPU s",9}");
            foreach (var (run, n) in new[] { (download, bars), (ingest, bars), (seeds, bars), (shortDownload, shortBars), (shortIngest, shortBars) })
            {
                if (run is null)
                {
                    continue;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.Label,-26} {run.ExitCode,4} {n,12:N0} {run.WallSeconds,8:F1} {run.CpuSeconds,8:F1} {run.CpuSeconds / (n / 1e6),10:F2} {run.KernelSeconds,8:F1} {run.PeakRssBytes / 1048576.0,11:F0} {simCpu[run.Label],9:F1}"));
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest/download CPU  {years}y: {ingest.CpuSeconds / download.CpuSeconds:F2}x (target <= 2)   {shortYears}y: {shortIngest.CpuSeconds / shortDownload.CpuSeconds:F2}x"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest/download wall {years}y: {ingest.WallSeconds / download.WallSeconds:F2}x (target <= 1.3) {shortYears}y: {shortIngest.WallSeconds / shortDownload.WallSeconds:F2}x"));
            if (pairs.Count > 1)
            {
                static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pairs.Count} rounds {years}y, CPU ratio {string.Join(" ", pairs.Select(p => p.Cpu.ToString("F2", CultureInfo.InvariantCulture)))} (median {Median(pairs.Select(p => p.Cpu)):F2}x), wall ratio {string.Join(" ", pairs.Select(p => p.Wall.ToString("F2", CultureInfo.InvariantCulture)))} (median {Median(pairs.Select(p => p.Wall)):F2}x)"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest peak {years}y / {shortYears}y: {(double)ingest.PeakRssBytes / shortIngest.PeakRssBytes:F2}x (target <= 1.15); {years}y peak {ingest.PeakRssBytes / 1048576.0:F0} MB (target <= 300)"));
            if (seeds is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeds accumulate / ingest peak {years}y: {(double)seeds.PeakRssBytes / ingest.PeakRssBytes:F2}x"));
            }

            return ingest.ExitCode != 0 || shortIngest.ExitCode != 0 ? 1 : 0;
        }
        finally
        {
            sim.Kill();
            await sim.WaitForExitAsync();
        }
    }

    private static Process StartSimulator(string cli, int universe, out string baseUrl)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "sim", "--port", "0", "--universe-size", universe.ToString(CultureInfo.InvariantCulture), "--seed", "42" })
        {
            info.ArgumentList.Add(a);
        }

        var sim = Process.Start(info) ?? throw new InvalidOperationException("could not start the simulator");
        baseUrl = sim.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the simulator printed no base URL");
        _ = sim.StandardOutput.ReadToEndAsync();
        return sim;
    }

    // Listed through the whole range; ranked by minute bars in one sample week, scaled to a year.
    private static List<(string Ticker, long PerYear)> PickTickers(int universe, LocalDate from, int count, string pick)
    {
        var truth = GroundTruth.For(new SimulatorOptions { UniverseSize = universe, Seed = 42 });
        var weekStart = new LocalDate(2024, 3, 4);
        var ranked = truth.Tickers()
            .Where(t => t.Type == "CS" && t.DelistedDate is null && t.ListDate < from && TickerRules.Problem(t.Ticker) is null)
            .Select(t => t.Ticker).Distinct()
            .Select(t => (Ticker: t, PerYear: truth.Bars(t, SimDataset.MinuteBars, weekStart, weekStart.PlusDays(4)).LongCount() * 52))
            .Where(t => t.PerYear > 0)
            .OrderBy(t => t.PerYear)
            .ToList();
        var start = pick switch
        {
            "thin" => 0,
            "liquid" => Math.Max(0, ranked.Count - count),
            _ => Math.Max(0, (ranked.Count - count) / 2),
        };
        return ranked.Skip(start).Take(count).ToList();
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        int.Parse(StringOption(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private static string StringOption(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
