using NodaTime;
using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Lake;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Truth;
using Serilog;

namespace SmallCaps.Core.Tests.Ingest;

/// <summary>Runs an ingest session against a simulator, with settings that keep fault tests fast.</summary>
internal static class SimIngest
{
    public static async Task<IngestOutcome> RunAsync(SimulatorHost sim, string outdir, BarDataset dataset, IReadOnlyList<string> tickers, LocalDate from, LocalDate to, int maxWorkers = 4, string? key = null, double rps = 1000, int maxRetries = 10, bool merge = true, TimeProvider? clock = null, Func<IBarSource, IBarSource>? wrap = null, ILogger? log = null, Action<IngestRunner>? onStart = null, CancellationToken ct = default)
    {
        var options = new TransportOptions
        {
            BaseUrl = sim.BaseUrl,
            MaxWorkers = maxWorkers,
            MaxRequestsPerSecond = rps,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
            RateLimitPause = TimeSpan.FromMilliseconds(5),
            BreakerMinimumThroughput = 1000,
            MaxRetries = maxRetries,
        };
        using var transport = new MassiveTransport(options, ApiKey.Create(key ?? sim.ApiKey), TimeProvider.System);
        IBarSource source = new AggregatesBarSource(transport);
        source = wrap?.Invoke(source) ?? source;
        return await IngestSession.RunAsync(
            new IngestOptions { Outdir = outdir, Dataset = dataset, MaxWorkers = maxWorkers, MergeWindows = merge },
            tickers,
            new IngestRange(from, to, null),
            source,
            clock ?? TimeProvider.System,
            log ?? new LoggerConfiguration().CreateLogger(),
            "test",
            onStart,
            ct);
    }

    /// <summary>Common stocks of the simulated market, in a stable order.</summary>
    public static IReadOnlyList<string> CommonStocks(SimulatorHost sim, int count) =>
        sim.Truth.Tickers().Where(t => t.Type == "CS" && t.Ticker.All(ch => char.IsAsciiLetterUpper(ch) || ch == '.')).Select(t => t.Ticker).Distinct().Take(count).ToList();

    /// <summary>Asserts the lake holds exactly the simulator's bars for the ticker and range.</summary>
    public static void AssertEqualsTruth(SimulatorHost sim, string outdir, BarDataset dataset, string ticker, LocalDate from, LocalDate to)
    {
        var truth = sim.Truth.Bars(ticker, dataset == BarDataset.Minute ? SimDataset.MinuteBars : SimDataset.DayBars, from, to).ToList();
        var rows = LakeRows.Read(outdir, dataset, ticker);
        Assert.Equal(truth.Count, rows.Count);
        var epoch = new LocalDate(1970, 1, 1);
        for (var i = 0; i < truth.Count; i++)
        {
            var e = truth[i];
            var a = rows[i];
            Assert.Equal(ticker, a.Ticker);
            Assert.Equal(e.Timestamp, a.T);
            var nyDate = Instant.FromUnixTimeMilliseconds(e.Timestamp).InZone(DateTimeZoneProviders.Tzdb["America/New_York"]).Date;
            Assert.Equal(Period.Between(epoch, nyDate, PeriodUnits.Days).Days, a.SessionDay);
            Assert.Equal(e.Open, a.O);
            Assert.Equal(e.High, a.H);
            Assert.Equal(e.Low, a.L);
            Assert.Equal(e.Close, a.C);
            Assert.Equal(e.Volume, a.V);
            Assert.Equal(e.VolumeWeighted, a.Vw);
            Assert.Equal(e.Transactions, a.N);
            Assert.Equal(e.Otc, a.Otc);
        }
    }
}
