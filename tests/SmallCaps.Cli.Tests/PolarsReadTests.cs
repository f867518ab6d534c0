using System.Text.Json;
using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Truth;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests;

/// <summary>
/// The README's polars lines, run by polars itself (nodejs-polars: the Rust engine Python polars uses) on a lake the tool
/// wrote: the promised types, and every ground-truth bar exactly once.
/// </summary>
public sealed class PolarsReadTests
{
    private static readonly Dictionary<string, string> ReadmeSchema = new()
    {
        ["ticker"] = "String",
        ["t"] = "Datetime(ms,UTC)",
        ["session_date"] = "Date",
        ["o"] = "Float64",
        ["h"] = "Float64",
        ["l"] = "Float64",
        ["c"] = "Float64",
        ["v"] = "Float64",
        ["vw"] = "Float64",
        ["n"] = "Int64",
        ["otc"] = "Bool",
    };

    [Fact]
    public async Task ReadmePolarsLines_MinuteAndDailyLake_TypesAsDocumentedAndEveryBarOnce()
    {
        // Given: minute bars across a year end and both DST changes, and daily bars, for a few tickers
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 31 });
        using var dir = new TempDirectory();
        var (from, to) = (new LocalDate(2023, 10, 1), new LocalDate(2024, 3, 31));
        var names = Trading(sim, from, to, 4);
        Assert.Equal(4, names.Count);
        var tickers = CliHarness.WriteTickers(dir.Path, names);
        var outdir = dir.Combine("lake");
        foreach (var verb in new[] { "ingest-minute", "ingest-daily" })
        {
            var run = await CliHarness.RunAsync([verb, "--tickers-csv", tickers, "--outdir", outdir, "--from", "2023-10-01", "--to", "2024-03-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString()]);
            Assert.Equal(ExitCodes.Ok, run.ExitCode);
        }

        var lake = outdir.Replace('\\', '/');

        // When / Then: the README's one-ticker line (pl.read_parquet('lake/bars_1m/ticker=ABC/**/*.parquet', hive_partitioning=False))
        foreach (var ticker in names)
        {
            var one = await ScanAsync($"{lake}/bars_1m/ticker={ticker}/**/*.parquet", "--hive", "false");
            AssertReadmeSchema(one.Schema);
            AssertTruth(sim, SimDataset.MinuteBars, ticker, from, to, Assert.Single(one.Tickers));
        }

        // The README's whole-lake line, on the daily lake
        var daily = await ScanAsync($"{lake}/bars_1d/*/*.parquet", "--hive", "false");
        AssertReadmeSchema(daily.Schema);
        Assert.Equal(names.Order(StringComparer.Ordinal), daily.Tickers.Select(t => t.Ticker));
        foreach (var row in daily.Tickers)
        {
            AssertTruth(sim, SimDataset.DayBars, row.Ticker, from, to, row);
        }

        // polars' default, hive partitioning on, over the minute folder: the path's ticker= does not clash with the column
        // and year= comes as one more column
        var hive = await ScanAsync($"{lake}/bars_1m/");
        Assert.Equal("Int64", hive.Schema["year"]);
        Assert.Equal("String", hive.Schema["ticker"]);
        Assert.Equal(names.Sum(t => sim.Truth.Bars(t, SimDataset.MinuteBars, from, to).LongCount()), hive.Rows);
    }

    [Fact]
    public async Task DemoPolarsLine_FilterOnTicker_ReturnsThatTickersBarsOnly()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 32 });
        using var dir = new TempDirectory();
        var names = Trading(sim, new LocalDate(2024, 2, 1), new LocalDate(2024, 2, 29), 3);
        Assert.Equal(3, names.Count);
        var outdir = dir.Combine("lake");
        var run = await CliHarness.RunAsync(["ingest-minute", "--tickers-csv", CliHarness.WriteTickers(dir.Path, names), "--outdir", outdir, "--from", "2024-02-01", "--to", "2024-02-29", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString()]);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);

        // When: demo's line, scan_parquet('lake/bars_1m/**/*.parquet', hive_partitioning=False).filter(pl.col('ticker')==T)
        var scan = await ScanAsync($"{outdir.Replace('\\', '/')}/bars_1m/**/*.parquet", "--hive", "false", "--ticker", names[1]);

        // Then
        AssertTruth(sim, SimDataset.MinuteBars, names[1], new LocalDate(2024, 2, 1), new LocalDate(2024, 2, 29), Assert.Single(scan.Tickers));
    }

    // Common stocks with minute bars in the whole window (the first from and the last before to), so every file exists.
    private static List<string> Trading(SimulatorHost sim, LocalDate from, LocalDate to, int count) =>
        CliHarness.CommonStocks(sim, 60)
            .Where(t => sim.Truth.Bars(t, SimDataset.MinuteBars, from, from.PlusDays(7)).Any() && sim.Truth.Bars(t, SimDataset.MinuteBars, to.PlusDays(-7), to).Any())
            .Take(count)
            .ToList();

    private static void AssertReadmeSchema(IReadOnlyDictionary<string, string> schema) =>
        Assert.Equal(ReadmeSchema.OrderBy(p => p.Key, StringComparer.Ordinal), schema.OrderBy(p => p.Key, StringComparer.Ordinal));

    private static void AssertTruth(SimulatorHost sim, SimDataset dataset, string ticker, LocalDate from, LocalDate to, TickerRow row)
    {
        var truth = sim.Truth.Bars(ticker, dataset, from, to).ToList();
        Assert.NotEmpty(truth);
        Assert.Equal(ticker, row.Ticker);
        Assert.Equal(truth.Count, row.Bars);
        Assert.Equal(truth.Count, row.DistinctT);
        Assert.Equal(truth[0].Timestamp, row.FirstT);
        Assert.Equal(truth[^1].Timestamp, row.LastT);
    }

    private static async Task<Scan> ScanAsync(string path, params string[] options)
    {
        var json = await NodeOracle.RunScriptAsync("polars-scan.mjs", [path, .. options]);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var schema = root.GetProperty("schema").EnumerateObject().ToDictionary(p => p.Name, p => Unwrap(p.Value.GetString()!));
        var rows = root.GetProperty("tickers").EnumerateArray()
            .Select(r => new TickerRow(r.GetProperty("ticker").GetString()!, r.GetProperty("bars").GetInt64(), r.GetProperty("distinct_t").GetInt64(), r.GetProperty("first_t").GetInt64(), r.GetProperty("last_t").GetInt64()))
            .ToList();
        return new Scan(schema, root.GetProperty("rows").GetInt64(), rows);
    }

    // nodejs-polars prints types as DataType(X).
    private static string Unwrap(string type) => type.StartsWith("DataType(", StringComparison.Ordinal) ? type["DataType(".Length..^1] : type;

    private sealed record Scan(Dictionary<string, string> Schema, long Rows, IReadOnlyList<TickerRow> Tickers);

    private sealed record TickerRow(string Ticker, long Bars, long DistinctT, long FirstT, long LastT);
}
