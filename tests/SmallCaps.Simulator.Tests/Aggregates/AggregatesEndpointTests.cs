using System.Text.Json;
using NodaTime;
using SmallCaps.Simulator.Tests.Support;
using SmallCaps.Simulator.Truth;

namespace SmallCaps.Simulator.Tests.Aggregates;

public sealed class AggregatesEndpointTests
{
    [Fact]
    public async Task MinuteRange_PagedWithLimit_EqualsGroundTruthAndNextFromIsLastPlusOne()
    {
        // Given a liquid ticker and a small limit that forces paging
        await using var sim = await SimulatorClient.StartAsync();
        var expected = sim.Host.Truth.Bars("AAPL", SimDataset.MinuteBars, new LocalDate(2024, 3, 7), new LocalDate(2024, 3, 12)).ToList();

        // When every page is followed
        var pages = await sim.GetAllPagesAsync("/v2/aggs/ticker/AAPL/range/1/minute/2024-03-07/2024-03-12?limit=1000");

        // Then the rows equal the ground truth and each next_url starts 1 ms after the last bar, without the key
        var served = pages.SelectMany(p => p.GetProperty("results").EnumerateArray()).Select(ReadBar).ToList();
        Assert.Equal(expected.Count, served.Count);
        Assert.Equal(expected.Select(b => (b.Timestamp, b.Open, b.High, b.Low, b.Close, b.Volume, b.VolumeWeighted, b.Transactions)), served);
        for (var i = 0; i < pages.Count - 1; i++)
        {
            var next = pages[i].GetProperty("next_url").GetString()!;
            var lastT = pages[i].GetProperty("results").EnumerateArray().Last().GetProperty("t").GetInt64();
            Assert.Contains($"/range/1/minute/{lastT + 1}/2024-03-12?cursor=", next, StringComparison.Ordinal);
            Assert.DoesNotContain("apiKey", next, StringComparison.Ordinal);
            Assert.DoesNotContain(sim.Host.ApiKey, next, StringComparison.Ordinal);
            Assert.Equal(1000, pages[i].GetProperty("resultsCount").GetInt32());
        }

        Assert.False(pages[^1].TryGetProperty("next_url", out _));
    }

    [Fact]
    public async Task MinuteRange_NoLimit_TruncatesAtDefault5000()
    {
        // Given a window with more than 5000 minute bars
        await using var sim = await SimulatorClient.StartAsync();

        // When no limit is given
        var (status, body, _) = await sim.GetAsync("/v2/aggs/ticker/AAPL/range/1/minute/2024-01-02/2024-01-31");

        // Then 5000 bars come back with a next_url
        Assert.Equal(200, status);
        Assert.Equal(5000, body!.RootElement.GetProperty("resultsCount").GetInt32());
        Assert.True(body.RootElement.TryGetProperty("next_url", out _));
    }

    [Fact]
    public async Task DayRange_Descending_EqualsReversedGroundTruth()
    {
        // Given daily bars over two years
        await using var sim = await SimulatorClient.StartAsync();
        var expected = sim.Host.Truth.Bars("AAPL", SimDataset.DayBars, new LocalDate(2019, 1, 1), new LocalDate(2020, 12, 31)).Reverse().Select(b => b.Timestamp).ToList();

        // When paged in descending order
        var pages = await sim.GetAllPagesAsync("/v2/aggs/ticker/AAPL/range/1/day/2019-01-01/2020-12-31?sort=desc&limit=100");

        // Then timestamps match the reversed truth
        var served = pages.SelectMany(p => p.GetProperty("results").EnumerateArray()).Select(b => b.GetProperty("t").GetInt64()).ToList();
        Assert.Equal(expected, served);
        Assert.True(pages.Count > 1);
    }

    [Fact]
    public async Task DayRange_AdjustedAcrossSplit_DividesRawPricesByTheSplitRatio()
    {
        // Given AAPL's 4:1 split on 2020-08-31
        await using var sim = await SimulatorClient.StartAsync();

        // When the day before the split is read raw and adjusted
        var raw = (await sim.GetAsync("/v2/aggs/ticker/AAPL/range/1/day/2020-08-28/2020-08-28?adjusted=false")).Body!.RootElement.GetProperty("results")[0];
        var adj = (await sim.GetAsync("/v2/aggs/ticker/AAPL/range/1/day/2020-08-28/2020-08-28?adjusted=true")).Body!.RootElement.GetProperty("results")[0];

        // Then adjusted = raw / 4 (4 decimals) and volume x4
        Assert.Equal(Math.Round(raw.GetProperty("c").GetDouble() / 4, 4, MidpointRounding.AwayFromZero), adj.GetProperty("c").GetDouble());
        Assert.Equal(raw.GetProperty("v").GetDouble() * 4, adj.GetProperty("v").GetDouble());
    }

    [Fact]
    public async Task DayBar_Timestamps_AreNewYorkMidnightAcrossDst()
    {
        // Given the fixture's request around the 2005 DST change
        await using var sim = await SimulatorClient.StartAsync();

        // When
        var (_, body, _) = await sim.GetAsync("/v2/aggs/ticker/AAPL/range/1/day/2005-04-01/2005-04-04");

        // Then t is 00:00 New York (05:00Z in EST, 04:00Z in EDT), like the vendor's bars
        var ts = body!.RootElement.GetProperty("results").EnumerateArray().Select(b => b.GetProperty("t").GetInt64()).ToArray();
        Assert.Equal(new[] { 1112331600000L, 1112587200000L }, ts);
    }

    [Fact]
    public async Task MinuteRange_Multiplier5_AggregatesBaseBarsExactly()
    {
        // Given base minute bars of a day
        await using var sim = await SimulatorClient.StartAsync();
        var baseBars = sim.Host.Truth.Bars("AAPL", SimDataset.MinuteBars, new LocalDate(2024, 3, 7), new LocalDate(2024, 3, 7)).ToList();

        // When 5-minute bars are requested
        var pages = await sim.GetAllPagesAsync("/v2/aggs/ticker/AAPL/range/5/minute/2024-03-07/2024-03-07?limit=50000");
        var bars = pages.SelectMany(p => p.GetProperty("results").EnumerateArray()).ToList();

        // Then each window holds the max high and summed trades of its base bars
        Assert.Equal(baseBars.Sum(b => b.Transactions), bars.Sum(b => b.GetProperty("n").GetInt64()));
        var first = bars[0];
        var window = baseBars.Where(b => b.Timestamp >= first.GetProperty("t").GetInt64() && b.Timestamp < first.GetProperty("t").GetInt64() + 300_000).ToList();
        Assert.Equal(window.Max(b => b.High), first.GetProperty("h").GetDouble());
        Assert.Equal(window[0].Open, first.GetProperty("o").GetDouble());
    }

    [Fact]
    public async Task UnknownTicker_Is404NotFound()
    {
        // Given / When
        await using var sim = await SimulatorClient.StartAsync();
        var (status, body, _) = await sim.GetAsync("/v2/aggs/ticker/NOPE123/range/1/day/2024-01-01/2024-01-31");

        // Then
        Assert.Equal(404, status);
        Assert.Equal("NOT_FOUND", body!.RootElement.GetProperty("status").GetString());
    }

    internal static (long, double, double, double, double, double, double, long) ReadBar(JsonElement b) =>
        (b.GetProperty("t").GetInt64(), b.GetProperty("o").GetDouble(), b.GetProperty("h").GetDouble(), b.GetProperty("l").GetDouble(),
         b.GetProperty("c").GetDouble(), b.GetProperty("v").GetDouble(), b.GetProperty("vw").GetDouble(), b.GetProperty("n").GetInt64());
}
