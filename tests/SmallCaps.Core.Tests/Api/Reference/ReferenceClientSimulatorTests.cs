using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Http;
using SmallCaps.Core.Tests.Universe;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Faults;

namespace SmallCaps.Core.Tests.Api.Reference;

public sealed class ReferenceClientSimulatorTests
{
    [Fact]
    public async Task ListTickersAsync_SeveralPagesWithFaults_ReturnsEveryListingOnce()
    {
        // Given: a reset, a truncated body and a 502 on the tickers list
        var options = new SimulatorOptions { UniverseSize = 2500, Seed = 4 };
        options.FaultRules.Add(FaultRule.Parse("reset:/v3/reference/tickers@2"));
        options.FaultRules.Add(FaultRule.Parse("truncate:/v3/reference/tickers@3"));
        options.FaultRules.Add(FaultRule.Parse("502:/v3/reference/tickers@4"));
        await using var sim = await SimulatorHost.StartAsync(options, CancellationToken.None);
        using var transport = new MassiveTransport(SimUniverse.FastOptions(sim), ApiKey.Create(sim.ApiKey), TimeProvider.System);
        var client = new ReferenceClient(transport);

        // When
        var rows = new List<TickerRecord>();
        var pages = 0;
        foreach (var active in new[] { true, false })
        {
            await foreach (var page in client.ListTickersAsync(new TickerListQuery(active), CancellationToken.None))
            {
                rows.AddRange(page);
                pages++;
            }
        }

        // Then
        var truth = sim.Truth.Tickers().Where(t => t.Market == "stocks").ToList();
        Assert.True(pages >= 3);
        Assert.True(sim.FaultLog.Total >= 3);
        Assert.Equal(truth.Select(t => t.CompositeFigi).Order(StringComparer.Ordinal), rows.Select(r => r.CompositeFigi!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("null-results:/v3/reference/tickers@1")]
    [InlineData("null-results:/v3/reference/tickers@2")]
    public async Task ListTickersAsync_OneNullResultsPage_AsksItAgainAndReturnsEveryListing(string rule)
    {
        // Given: "results": null without next_url on the first or the second page of the active list
        var options = new SimulatorOptions { UniverseSize = 2500, Seed = 7 };
        options.FaultRules.Add(FaultRule.Parse(rule));
        await using var sim = await SimulatorHost.StartAsync(options, CancellationToken.None);
        using var transport = new MassiveTransport(SimUniverse.FastOptions(sim), ApiKey.Create(sim.ApiKey), TimeProvider.System);
        var client = new ReferenceClient(transport);

        // When
        var rows = new List<TickerRecord>();
        await foreach (var page in client.ListTickersAsync(new TickerListQuery(true), CancellationToken.None))
        {
            rows.AddRange(page);
        }

        // Then
        var truth = sim.Truth.Tickers().Where(t => t.Market == "stocks" && t.Active).ToList();
        Assert.True(truth.Count > 1000, "the active list should take two pages");
        Assert.Equal(1, sim.FaultLog.Total);
        Assert.Equal(truth.Select(t => t.CompositeFigi).Order(StringComparer.Ordinal), rows.Select(r => r.CompositeFigi!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListTickersAsync_NextUrlOnAnotherHost_StopsWithoutSendingTheKeyThere()
    {
        // Given
        var options = new SimulatorOptions { UniverseSize = 2500, Seed = 4 };
        options.FaultRules.Add(FaultRule.Parse("foreign-next-url:/v3/reference/tickers@1"));
        await using var sim = await SimulatorHost.StartAsync(options, CancellationToken.None);
        using var transport = new MassiveTransport(SimUniverse.FastOptions(sim), ApiKey.Create(sim.ApiKey), TimeProvider.System);
        var client = new ReferenceClient(transport);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(async () =>
        {
            await foreach (var _ in client.ListTickersAsync(new TickerListQuery(true), CancellationToken.None))
            {
            }
        });

        // Then
        Assert.Equal(MassiveErrorKind.Protocol, ex.Kind);
        Assert.Equal(0, sim.RequestLog.ForeignHostRequestsWithKey);
        Assert.DoesNotContain(sim.ApiKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTickerDetailsAsync_UnknownTicker_ReturnsNull()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 4 }, CancellationToken.None);
        using var transport = new MassiveTransport(SimUniverse.FastOptions(sim), ApiKey.Create(sim.ApiKey), TimeProvider.System);

        // When
        var details = await new ReferenceClient(transport).GetTickerDetailsAsync("ZZZZZZ.Q", null, CancellationToken.None);

        // Then
        Assert.Null(details);
    }
}
