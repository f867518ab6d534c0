using System.CommandLine;
using System.Globalization;
using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Lake;
using SmallCaps.Simulator;

namespace SmallCaps.Cli.Commands;

/// <summary>
/// <c>smallcaps demo</c>: starts the simulator in-process, writes a small universe, runs ingest-daily
/// and ingest-minute against it with the real code path, and shows how to read the lake.
/// </summary>
internal static class DemoCommandFactory
{
    public static Command Create(CliContext context)
    {
        var outdir = new Option<string>("--outdir") { Description = "Where the demo lake goes.", DefaultValueFactory = _ => "smallcaps-demo" };
        var count = new Option<int>("--tickers") { Description = "Tickers in the demo universe.", DefaultValueFactory = _ => 20 };
        var years = new Option<int>("--years") { Description = "Years of daily bars.", DefaultValueFactory = _ => 3 };
        var minuteYears = new Option<int>("--minute-years") { Description = "Years of minute bars.", DefaultValueFactory = _ => 3 };
        var command = new Command("demo", "Run both ingests against a built-in simulator and print how to read the lake.") { outdir, count, years, minuteYears };
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
            await RunAsync(OutputPaths.Lake("--outdir", r.GetValue(outdir)), r.GetValue(count), r.GetValue(years), r.GetValue(minuteYears), context, ct));
        return command;
    }

    private static async Task<int> RunAsync(string outdir, int count, int years, int minuteYears, CliContext context, CancellationToken ct)
    {
        foreach (var (option, value, min, max) in new[] { ("--tickers", count, 1, 500), ("--years", years, 1, 20), ("--minute-years", minuteYears, 0, 20) })
        {
            if (value < min || value > max)
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{option} must be {min}-{max} (got {value})"));
            }
        }

        var output = context.Console.Out;
        var to = NewYorkTime.Today(context.Clock).PlusDays(-1);
        var simOptions = new SimulatorOptions { UniverseSize = 3000, Seed = 42, AsOf = to };
        await using var sim = await SimulatorHost.StartAsync(simOptions, ct);
        var from = to.PlusYears(-years).PlusDays(1);
        var tickers = sim.Truth.Tickers()
            .Where(t => t.Type == "CS" && t.PrimaryExchange is "XNAS" or "XNYS" && t.DelistedDate is null && t.ListDate < from)
            .Select(t => t.Ticker)
            .Where(t => TickerRules.Problem(t) is null)
            .Distinct(StringComparer.Ordinal)
            .Take(count)
            .ToList();
        Directory.CreateDirectory(outdir);
        var csv = Path.Combine(outdir, "tickers.csv");
        await File.WriteAllLinesAsync(csv, ["ticker", .. tickers], ct);
        await output.WriteLineAsync($"simulator at {sim.BaseUrl} ({tickers.Count} tickers written to {csv})");

        var daily = await IngestOnce(BarDataset.Daily, from, to);
        if (daily != ExitCodes.Ok || minuteYears == 0)
        {
            return daily;
        }

        var minute = await IngestOnce(BarDataset.Minute, to.PlusYears(-minuteYears).PlusDays(1), to);
        if (minute == ExitCodes.Ok)
        {
            PrintHowToRead(output, outdir);
        }

        return minute;

        Task<int> IngestOnce(BarDataset dataset, NodaTime.LocalDate start, NodaTime.LocalDate end)
        {
            var args = new IngestArguments
            {
                Dataset = dataset,
                TickersCsv = csv,
                Outdir = outdir,
                From = IngestRangeParser.Format(start),
                To = IngestRangeParser.Format(end),
                MaxWorkers = 8,
                MaxRps = "1000",
                ApiKey = sim.ApiKey,
                BaseUrl = sim.BaseUrl.ToString(),
            };
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingesting {dataset.Name} {args.From}..{args.To}"));
            return IngestCommandHandler.RunAsync(args, $"smallcaps demo ({dataset.Name})", context.Console, context.Clock, ct);
        }
    }

    private static void PrintHowToRead(TextWriter output, string outdir)
    {
        var lake = outdir.Replace('\\', '/');
        output.WriteLine();
        output.WriteLine($"lake: {outdir}");
        output.WriteLine("read it with polars:");
        output.WriteLine($"  python -c \"import polars as pl; print(pl.scan_parquet('{lake}/bars_1m/**/*.parquet', hive_partitioning=False).filter(pl.col('ticker')=='{FirstTicker(outdir)}').collect())\"");
        output.WriteLine("read it with DuckDB:");
        output.WriteLine($"  duckdb -c \"SELECT ticker, count(*) bars, min(t), max(t) FROM read_parquet('{lake}/bars_1d/*/*.parquet', hive_partitioning=false) GROUP BY ticker ORDER BY ticker\"");
    }

    private static string FirstTicker(string outdir)
    {
        var folder = Directory.EnumerateDirectories(Path.Combine(outdir, BarDataset.Minute.Name)).Order(StringComparer.Ordinal).FirstOrDefault();
        return folder is null ? "XYZ" : Path.GetFileName(folder)["ticker=".Length..];
    }
}
