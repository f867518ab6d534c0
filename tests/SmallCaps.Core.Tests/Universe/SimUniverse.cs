using NodaTime;
using SmallCaps.Core.Http;
using SmallCaps.Core.Universe;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Truth;

namespace SmallCaps.Core.Tests.Universe;

/// <summary>Runs select-universe against a simulator and computes the expected universe from its ground truth.</summary>
internal static class SimUniverse
{
    public static TransportOptions FastOptions(SimulatorHost sim) => new()
    {
        BaseUrl = sim.BaseUrl,
        MaxWorkers = 8,
        MaxRequestsPerSecond = 5000,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        RateLimitPause = TimeSpan.FromMilliseconds(5),
        BreakerMinimumThroughput = 1000,
    };

    public static async Task<(UniverseSelection Selection, string Output)> RunAsync(SimulatorHost sim, UniverseRequest request)
    {
        var (outcome, output) = await RunOutcomeAsync(sim, request);
        Assert.True(outcome.ExitCode == 0, output);
        return (outcome.Selection!, output);
    }

    public static async Task<(UniverseOutcome Outcome, string Output)> RunOutcomeAsync(SimulatorHost sim, UniverseRequest request, CancellationToken cancellationToken = default)
    {
        using var transport = new MassiveTransport(FastOptions(sim), ApiKey.Create(sim.ApiKey), TimeProvider.System);
        using var output = new StringWriter();
        var outcome = await new UniverseRunner(transport, TextWriter.Synchronized(output)).RunAsync(request, cancellationToken);
        return (outcome, output.ToString());
    }

    /// <summary>Every row of a reference dataset's partition, all chunk files together.</summary>
    public static long RowCount(string outdir, string dataset, LocalDate date) =>
        ReferenceLake.PartFiles(outdir, dataset, date).Sum(f =>
        {
            using var reader = SmallCaps.Parquet.ParquetFileReader.Open(f);
            return reader.RowCount;
        });

    /// <summary>
    /// The expected universe by the documented rules, straight from the ground truth as of <paramref name="date"/>:
    /// a delisted name's cap is the one served on its last session (the truth of that date).
    /// </summary>
    public static Expected Compute(GroundTruth truth, LocalDate date, double? capMax, bool includeDelisted)
    {
        var all = truth.Tickers(date).Where(t => t.Market == "stocks").ToList();
        var typed = all.Where(t => t.Type == "CS" && t.PrimaryExchange is "XNAS" or "XNYS").ToList();
        var policy = typed.Where(t => includeDelisted || t.Active).ToList();
        var owners = policy.GroupBy(t => t.Ticker)
            .Select(g => g.OrderByDescending(t => t.Active)
                .ThenByDescending(t => t.Active ? LocalDate.MinIsoValue : t.DelistedDate ?? LocalDate.MinIsoValue)
                .ThenBy(t => t.ListDate)
                .First())
            .ToList();
        var lastCaps = owners.Where(t => !t.Active).GroupBy(t => ReferenceDates.LastActiveDate(t.DelistedDate!.Value))
            .SelectMany(g =>
            {
                var then = truth.Tickers(g.Key).ToDictionary(x => x.CompositeFigi);
                return g.Select(t => (t.CompositeFigi, then[t.CompositeFigi].MarketCap));
            })
            .ToDictionary(x => x.CompositeFigi, x => x.MarketCap);
        double CapOf(SimTicker t) => t.Active ? t.MarketCap : lastCaps[t.CompositeFigi];
        var members = owners.Where(t => capMax is not { } max || (CapOf(t) > 0 && CapOf(t) < max)).OrderBy(t => t.Ticker, StringComparer.Ordinal)
            .Select(t => new ExpectedMember(t, CapOf(t), t.Active ? date : ReferenceDates.LastActiveDate(t.DelistedDate!.Value))).ToList();
        return new Expected(all.Count, typed.Count, policy.Count, owners.Count, policy.Count - owners.Count,
            capMax is null ? 0 : owners.Count(t => CapOf(t) <= 0), capMax is { } m ? owners.Count(t => CapOf(t) >= m) : 0, members);
    }

    internal sealed record ExpectedMember(SimTicker Ticker, double MarketCap, LocalDate CapDate);

    internal sealed record Expected(int Total, int AfterTypeAndExchange, int AfterPolicy, int AfterIdentity, int DuplicateTickers, int NoCap, int AboveCap, IReadOnlyList<ExpectedMember> Members);
}
