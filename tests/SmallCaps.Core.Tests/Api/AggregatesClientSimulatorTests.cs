using NodaTime;
using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Faults;
using SmallCaps.Simulator.Truth;

namespace SmallCaps.Core.Tests.Api;

/// <summary>The client against the project's Massive simulator: real paging, real error bodies, injected faults.</summary>
public sealed class AggregatesClientSimulatorTests
{
    private static readonly AggregatesQuery AaplMinutes = new("AAPL", BarTimespan.Minute, new DateOnly(2023, 6, 1), new DateOnly(2024, 4, 30));

    private static TransportOptions Fast(Uri baseUrl) => new()
    {
        BaseUrl = baseUrl,
        MaxWorkers = 2,
        MaxRequestsPerSecond = 1000,
        MaxRetries = 4,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        RateLimitPause = TimeSpan.FromMilliseconds(5),
        BreakerMinimumThroughput = 1000,
    };

    private static async Task<(AggregateResult Result, List<(long T, double O, double H, double L, double C, double V, double Vw, long N, bool Otc)> Bars, TransportMetrics Metrics)> FetchAsync(SimulatorHost sim, AggregatesQuery query, string? key = null, byte[]? readBuffer = null)
    {
        using var transport = new MassiveTransport(Fast(sim.BaseUrl), ApiKey.Create(key ?? sim.ApiKey));
        var bars = new List<(long, double, double, double, double, double, double, long, bool)>();
        var result = await new AggregatesClient(transport).FetchAsync(query, (page, _) =>
        {
            for (var i = 0; i < page.Count; i++)
            {
                Assert.True(page.HasVwap[i] && page.HasTransactions[i]);
                bars.Add((page.Time[i], page.Open[i], page.High[i], page.Low[i], page.Close[i], page.Volume[i], page.Vwap[i], page.Transactions[i], page.Otc[i]));
            }

            return ValueTask.CompletedTask;
        }, CancellationToken.None, readBuffer: readBuffer);
        return (result, bars, transport.Metrics);
    }

    private static List<(long T, double O, double H, double L, double C, double V, double Vw, long N, bool Otc)> Truth(SimulatorHost sim, AggregatesQuery query) =>
        [.. sim.Truth.Bars(query.Ticker, SimDataset.MinuteBars, LocalDate.FromDateOnly(query.From), LocalDate.FromDateOnly(query.To), query.Adjusted)
            .Select(b => (b.Timestamp, b.Open, b.High, b.Low, b.Close, b.Volume, b.VolumeWeighted, b.Transactions, b.Otc))];

    [Fact]
    public async Task FetchAsync_ElevenMonthsOfMinuteBars_EqualsGroundTruthAcrossPages()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300 });

        // When
        var (result, bars, metrics) = await FetchAsync(sim, AaplMinutes);

        // Then
        var truth = Truth(sim, AaplMinutes);
        Assert.True(result.Pages >= 2, $"expected paging, got {result.Pages} page(s) for {truth.Count} bars");
        Assert.Equal(truth.Count, bars.Count);
        Assert.Equal(truth, bars);
        Assert.Equal(0, result.DuplicatesDropped);
        Assert.Equal(result.Pages, metrics.Requests);
        Assert.Contains("limit=50000", sim.RequestLog.Recent.First(r => r.StartsWith("/v2/aggs", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(256 * 1024)]
    public async Task FetchAsync_CallersReadBufferOfAnySize_EqualsGroundTruthAcrossPagesAndFetches(int size)
    {
        // Given: one read buffer reused for two fetches, as a worker reuses its own from task to task
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300 });
        var readBuffer = new byte[size];
        var later = AaplMinutes with { From = new DateOnly(2024, 5, 1), To = new DateOnly(2024, 6, 30) };

        // When
        var (first, firstBars, _) = await FetchAsync(sim, AaplMinutes, readBuffer: readBuffer);
        var (_, laterBars, _) = await FetchAsync(sim, later, readBuffer: readBuffer);

        // Then
        Assert.True(first.Pages >= 2);
        Assert.Equal(Truth(sim, AaplMinutes), firstBars);
        Assert.Equal(Truth(sim, later), laterBars);
    }

    [Fact]
    public async Task FetchAsync_ResetTruncation502RateLimitAndRepeatedBar_StillEqualsGroundTruth()
    {
        // Given: aggregates requests 1..5 each get one fault
        var options = new SimulatorOptions { UniverseSize = 300 };
        var faults = new[] { "repeat-bar", "reset", "truncate", "502", "429-no-retry-after" };
        for (var i = 0; i < faults.Length; i++)
        {
            options.FaultRules.Add(FaultRule.Parse($"{faults[i]}:/v2/aggs@{i + 1}"));
        }

        await using var sim = await SimulatorHost.StartAsync(options);

        // When
        var (result, bars, metrics) = await FetchAsync(sim, AaplMinutes);

        // Then
        Assert.Equal(Truth(sim, AaplMinutes), bars);
        Assert.Equal(1, result.DuplicatesDropped);
        Assert.Equal(3, metrics.Retries - metrics.RateLimited);
        Assert.Equal(1, metrics.RateLimited);
        Assert.Equal(0, metrics.Failures);
        Assert.Equal(5, sim.FaultLog.Total);
    }

    [Fact]
    public async Task FetchAsync_ForeignNextUrl_FailsWithoutTouchingTheForeignHost()
    {
        // Given
        var options = new SimulatorOptions { UniverseSize = 300 };
        options.FaultRules.Add(FaultRule.Parse("foreign-next-url:/v2/aggs@1"));
        await using var sim = await SimulatorHost.StartAsync(options);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => FetchAsync(sim, AaplMinutes));

        // Then
        Assert.Equal(MassiveErrorKind.Protocol, ex.Kind);
        Assert.Contains(sim.ForeignBaseUrl.Authority, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, sim.RequestLog.ForeignHostRequests);
        Assert.Equal(0, sim.RequestLog.ForeignHostRequestsWithKey);
    }

    [Fact]
    public async Task FetchAsync_WrongKey_UnauthorizedWithoutRetry()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300 });

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => FetchAsync(sim, AaplMinutes, key: "not-the-key"));

        // Then
        Assert.Equal(MassiveErrorKind.Unauthorized, ex.Kind);
        Assert.True(ex.IsRunFatal);
        Assert.Equal(1, sim.RequestLog.Total);
        Assert.DoesNotContain("not-the-key", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_UnknownTicker_NotFound()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300 });

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => FetchAsync(sim, AaplMinutes with { Ticker = "QQQQQZ" }));

        // Then
        Assert.Equal(MassiveErrorKind.NotFound, ex.Kind);
        Assert.Equal("Ticker not found.", ex.VendorMessage);
        Assert.NotNull(ex.RequestId);
    }

    [Fact]
    public async Task FetchAsync_MinuteHistoryBeyondPlan_NotEntitledWithVendorMessage()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, MinuteHistoryFrom = new LocalDate(2024, 3, 1) });

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => FetchAsync(sim, AaplMinutes));

        // Then
        Assert.Equal(MassiveErrorKind.NotEntitled, ex.Kind);
        Assert.False(string.IsNullOrWhiteSpace(ex.VendorMessage));
        Assert.Equal(1, sim.RequestLog.Total);
    }
}
