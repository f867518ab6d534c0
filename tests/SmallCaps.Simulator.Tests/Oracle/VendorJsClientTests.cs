using System.Text.Json;
using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Simulator.Tests.Support;
using SmallCaps.Simulator.Truth;
using SmallCaps.TestSupport;

namespace SmallCaps.Simulator.Tests.Oracle;

public sealed class VendorJsClientTests
{
    [Fact]
    public async Task OfficialJsClient_WithPagination_ReturnsExactlyTheGroundTruth()
    {
        // Given a simulator and the vendor's JS client with pagination on (small limits force several pages)
        await using var sim = await SimulatorClient.StartAsync();
        var truth = sim.Host.Truth;
        var day = new LocalDate(2024, 3, 7);
        var spec = new
        {
            ticker = "AAPL",
            aggs = new { timespan = "minute", from = "2024-03-06", to = "2024-03-08", limit = 400, adjusted = true },
            trades = new { gte = "1709821800000000000", lt = "1709823600000000000", limit = 1500 },
            quotes = new { gte = "1709821800000000000", lt = "1709822400000000000", limit = 1000 },
            tickers = new { type = "CS", market = "stocks", active = true, limit = 50 },
            details = "AAPL",
        };

        // When the client lists everything
        var stdout = await NodeOracle.RunScriptAsync("massive-client.mjs", [sim.Host.BaseUrl.ToString().TrimEnd('/'), sim.Host.ApiKey, JsonSerializer.Serialize(spec)]);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;

        // Then aggregates equal the ground truth bar for bar
        var bars = truth.Bars("AAPL", SimDataset.MinuteBars, new LocalDate(2024, 3, 6), new LocalDate(2024, 3, 8)).ToList();
        var served = root.GetProperty("aggs").GetProperty("results").EnumerateArray().Select(Aggregates.AggregatesEndpointTests.ReadBar).ToList();
        Assert.True(bars.Count > 1200, $"only {bars.Count} bars: pagination not exercised");
        Assert.Equal(bars.Select(b => (b.Timestamp, b.Open, b.High, b.Low, b.Close, b.Volume, b.VolumeWeighted, b.Transactions)), served);

        // And trades/quotes equal it (timestamps compared after the client's own double parsing of ns values)
        var trades = truth.Trades("AAPL", 1709821800000000000, 1709823600000000000 - 1).ToList();
        var clientTrades = root.GetProperty("trades").GetProperty("results").EnumerateArray().ToList();
        Assert.True(trades.Count > 1500, $"only {trades.Count} trades: pagination not exercised");
        Assert.Equal(trades.Count, clientTrades.Count);
        for (var i = 0; i < trades.Count; i++)
        {
            Assert.Equal((double)trades[i].SipTimestamp, clientTrades[i].GetProperty("sip_timestamp").GetDouble());
            Assert.Equal(trades[i].Price, clientTrades[i].GetProperty("price").GetDouble());
            Assert.Equal(trades[i].Size, clientTrades[i].GetProperty("size").GetDouble());
            Assert.Equal(trades[i].SequenceNumber, clientTrades[i].GetProperty("sequence_number").GetInt64());
        }

        var quotes = truth.Quotes("AAPL", 1709821800000000000, 1709822400000000000 - 1).ToList();
        var clientQuotes = root.GetProperty("quotes").GetProperty("results").EnumerateArray().ToList();
        Assert.True(quotes.Count > 1000, $"only {quotes.Count} quotes: pagination not exercised");
        Assert.Equal(quotes.Select(q => (q.BidPrice, q.AskPrice, (double)q.SipTimestamp)), clientQuotes.Select(q => (q.GetProperty("bid_price").GetDouble(), q.GetProperty("ask_price").GetDouble(), q.GetProperty("sip_timestamp").GetDouble())));

        // And tickers equal the active CS listings on XNAS/XNYS/XASE (all pages), details name AAPL
        var expectedTickers = truth.Tickers().Where(t => t.Active && t.Type == "CS" && t.Market == "stocks").Select(t => t.Ticker).Order(StringComparer.Ordinal).ToList();
        var clientTickers = root.GetProperty("tickers").GetProperty("results").EnumerateArray().Select(t => t.GetProperty("ticker").GetString()!).ToList();
        Assert.True(expectedTickers.Count > 50, "tickers pagination not exercised");
        Assert.Equal(expectedTickers, clientTickers);
        Assert.Equal("AAPL", root.GetProperty("details").GetProperty("results").GetProperty("ticker").GetString());
        Assert.Equal(day, NewYorkTime.SessionDateOfMilliseconds(served.First(b => b.Item1 >= NewYorkTime.StartOfDayUnixMilliseconds(day)).Item1));
    }

    [Fact]
    public async Task OfficialJsClient_FollowingAForeignNextUrl_LeaksTheKeyAndTheCounterSeesIt()
    {
        // Given a first aggregates page whose next_url names the foreign host
        var options = SimulatorClient.SmallOptions();
        options.FaultRules.Add(SmallCaps.Simulator.Faults.FaultRule.Parse("foreign-next-url:/v2/aggs@1"));
        await using var sim = await SimulatorClient.StartAsync(options);
        var spec = new { ticker = "AAPL", aggs = new { timespan = "minute", from = "2024-03-07", to = "2024-03-07", limit = 300, adjusted = true } };

        // When the vendor's client paginates (it appends &apiKey= to whatever next_url says)
        await NodeOracle.RunScriptAsync("massive-client.mjs", [sim.Host.BaseUrl.ToString().TrimEnd('/'), sim.Host.ApiKey, JsonSerializer.Serialize(spec)]);

        // Then the decoy host recorded requests carrying the key: the detector works on a real client
        Assert.True(sim.Host.RequestLog.ForeignHostRequestsWithKey > 0);
        Assert.Equal(sim.Host.RequestLog.ForeignHostRequests, sim.Host.RequestLog.ForeignHostRequestsWithKey);
    }
}
