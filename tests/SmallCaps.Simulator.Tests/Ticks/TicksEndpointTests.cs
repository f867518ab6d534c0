using System.Text.Json;
using SmallCaps.Simulator.Tests.Support;

namespace SmallCaps.Simulator.Tests.Ticks;

public sealed class TicksEndpointTests
{
    // 2024-03-07 09:30 to 09:40 New York, in ns.
    private const long From = 1709821800000000000;
    private const long To = 1709822400000000000;

    [Theory]
    [InlineData("asc")]
    [InlineData("desc")]
    public async Task Trades_CursorPaging_EqualsGroundTruthWithExactNanoseconds(string order)
    {
        // Given trades of ten minutes and a limit that forces paging
        await using var sim = await SimulatorClient.StartAsync();
        var expected = sim.Host.Truth.Trades("AAPL", From, To - 1).ToList();
        if (order == "desc")
        {
            expected.Reverse();
        }

        // When every page is followed (a limit of a third of the rows forces at least three pages)
        Assert.True(expected.Count > 300, $"only {expected.Count} trades");
        var limit = (expected.Count / 3) - 1;
        var pages = await sim.GetAllPagesAsync($"/v3/trades/AAPL?timestamp.gte={From}&timestamp.lt={To}&order={order}&limit={limit}");

        // Then ns timestamps (above 2^53) read as int64 are exact, and rows match
        var served = pages.SelectMany(p => p.GetProperty("results").EnumerateArray()).ToList();
        Assert.True(pages.Count > 2);
        Assert.Equal(expected.Select(t => t.SipTimestamp), served.Select(t => t.GetProperty("sip_timestamp").GetInt64()));
        Assert.Equal(expected.Select(t => t.Price), served.Select(t => t.GetProperty("price").GetDouble()));
        Assert.Equal(expected.Select(t => t.Id), served.Select(t => t.GetProperty("id").GetString()));
        Assert.All(pages.Take(pages.Count - 1), p => Assert.Matches("^http://127\\.0\\.0\\.1:\\d+/v3/trades/AAPL\\?cursor=[A-Za-z0-9_-]+$", p.GetProperty("next_url").GetString()!));
    }

    [Fact]
    public async Task Trades_OptionalFields_AreOmittedNotNull()
    {
        // Given a page of trades
        await using var sim = await SimulatorClient.StartAsync();
        var page = (await sim.GetAsync($"/v3/trades/AAPL?timestamp.gte={From}&timestamp.lt={To}&order=asc&limit=2000")).Body!.RootElement;

        // When / Then some rows have trf fields or conditions, others lack them, none are null
        var rows = page.GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.TryGetProperty("trf_timestamp", out _));
        Assert.Contains(rows, r => !r.TryGetProperty("trf_timestamp", out _));
        Assert.Contains(rows, r => !r.TryGetProperty("conditions", out _));
        Assert.DoesNotContain(rows, r => r.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.Null));
    }

    [Fact]
    public async Task Quotes_DateFilterAndDefaultLimit_Returns1000WithCursor()
    {
        // Given a whole day of quotes
        await using var sim = await SimulatorClient.StartAsync();

        // When asked with a date filter and no limit
        var page = (await sim.GetAsync("/v3/quotes/AAPL?timestamp=2024-03-07")).Body!.RootElement;

        // Then the default limit is 1000, newest first (order defaults to desc)
        var rows = page.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("sip_timestamp").GetInt64()).ToList();
        Assert.Equal(1000, rows.Count);
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First > p.Second));
        Assert.True(page.TryGetProperty("next_url", out _));
    }
}
