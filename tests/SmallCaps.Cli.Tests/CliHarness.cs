using SmallCaps.Cli;
using SmallCaps.Cli.Ingest;
using SmallCaps.Parquet;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Truth;
using NodaTime;

namespace SmallCaps.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output, and checks lakes against the simulator.</summary>
internal static class CliHarness
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static async Task<Result> RunAsync(string[] args, IReadOnlyDictionary<string, string?>? environment = null, CancellationToken ct = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, Interactive: false), TimeProvider.System, environment ?? new Dictionary<string, string?>(), ct);
        return new Result(code, output.ToString(), error.ToString());
    }

    public static string WriteTickers(string folder, IEnumerable<string> tickers)
    {
        var path = Path.Combine(folder, "tickers.csv");
        File.WriteAllLines(path, ["ticker", .. tickers]);
        return path;
    }

    public static IReadOnlyList<string> CommonStocks(SimulatorHost sim, int count) =>
        sim.Truth.Tickers().Where(t => t.Type == "CS" && t.Ticker.All(char.IsAsciiLetterUpper)).Select(t => t.Ticker).Distinct().Take(count).ToList();

    /// <summary>Bars of a ticker in the lake equal the truth: same count, same t and prices, no duplicate.</summary>
    public static void AssertLakeEqualsTruth(SimulatorHost sim, string outdir, string dataset, string ticker, LocalDate from, LocalDate to)
    {
        var truth = sim.Truth.Bars(ticker, dataset == "bars_1m" ? SimDataset.MinuteBars : SimDataset.DayBars, from, to).ToList();
        var folder = Path.Combine(outdir, dataset, $"ticker={ticker}");
        var t = new List<long>();
        var c = new List<double>();
        var v = new List<double>();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                using var reader = ParquetFileReader.Open(file);
                t.AddRange(reader.ReadColumn("t", default).Int64Values!);
                c.AddRange(reader.ReadColumn("c", default).DoubleValues!);
                v.AddRange(reader.ReadColumn("v", default).DoubleValues!);
            }
        }

        Assert.Equal(truth.Select(b => b.Timestamp), t);
        Assert.Equal(truth.Select(b => b.Close), c);
        Assert.Equal(truth.Select(b => b.Volume), v);
    }

    public static IEnumerable<string> TempFiles(string outdir) =>
        Directory.Exists(outdir) ? Directory.EnumerateFiles(outdir, "*.tmp", SearchOption.AllDirectories) : [];
}
