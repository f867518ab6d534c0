using System.Text.Json;
using SmallCaps.Simulator.Tests.Support;

namespace SmallCaps.Simulator.Tests.Reference;

public sealed class ReferenceEndpointTests
{
    [Fact]
    public async Task Tickers_AllPagesActiveAndDelisted_CoverTheGroundTruthUniverse()
    {
        // Given a simulator
        await using var sim = await SimulatorClient.StartAsync();

        // When active and delisted tickers are listed page by page
        var active = await sim.GetAllPagesAsync("/v3/reference/tickers?limit=100");
        var delisted = await sim.GetAllPagesAsync("/v3/reference/tickers?active=false&limit=100");
        var rows = active.Concat(delisted).SelectMany(p => p.GetProperty("results").EnumerateArray()).ToList();

        // Then every listing visible today appears once (by FIGI), delisted ones with delisted_utc
        var truth = sim.Host.Truth.Tickers();
        Assert.Equal(truth.Select(t => t.CompositeFigi).Order(StringComparer.Ordinal), rows.Select(r => r.GetProperty("composite_figi").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(rows.Where(r => !r.GetProperty("active").GetBoolean()), r => Assert.True(r.TryGetProperty("delisted_utc", out _)));
        Assert.True(active.Count > 1 && delisted.Count > 1);
    }

    [Fact]
    public async Task Tickers_OnAPastDate_MatchGroundTruthOfThatDateIncludingMarketCap()
    {
        // Given a past date
        await using var sim = await SimulatorClient.StartAsync();
        var date = new NodaTime.LocalDate(2015, 6, 1);
        var truth = sim.Host.Truth.Tickers(date);

        // When tickers of that date are listed and one active listing's details are asked for that date
        var rows = (await sim.GetAllPagesAsync("/v3/reference/tickers?date=2015-06-01&limit=1000"))
            .Concat(await sim.GetAllPagesAsync("/v3/reference/tickers?date=2015-06-01&active=false&limit=1000"))
            .SelectMany(p => p.GetProperty("results").EnumerateArray()).ToList();
        var pick = truth.First(t => t.Active && t.MarketCap > 0 && truth.Count(x => x.Ticker == t.Ticker) == 1);
        var details = (await sim.GetAsync($"/v3/reference/tickers/{pick.Ticker}?date=2015-06-01")).Body!.RootElement.GetProperty("results");

        // Then symbols, activity and market cap agree with the truth of that date
        Assert.Equal(truth.Select(t => (t.CompositeFigi, t.Ticker, t.Active)).Order(), rows.Select(r => (r.GetProperty("composite_figi").GetString()!, r.GetProperty("ticker").GetString()!, r.GetProperty("active").GetBoolean())).Order());
        Assert.Equal((long)pick.MarketCap, details.GetProperty("market_cap").GetInt64());
        Assert.Equal(pick.SharesOutstanding, details.GetProperty("share_class_shares_outstanding").GetInt64());
    }

    [Fact]
    public void Universe_DefaultSize_HasTheRequestedMix()
    {
        // Given the default 12,000-listing universe
        var tickers = Truth.GroundTruth.For(new SimulatorOptions()).Tickers();

        // When / Then ~40% CS on XNAS/XNYS, most CS under $2B, delisted names, renames and duplicated symbols exist
        var cs = tickers.Where(t => t.Type == "CS" && t.PrimaryExchange is "XNAS" or "XNYS").ToList();
        Assert.InRange(tickers.Count, 10_500, 12_000);
        Assert.InRange(cs.Count / (double)tickers.Count, 0.35, 0.45);
        Assert.InRange(cs.Count(t => t.MarketCap < 2e9 && t.Active) / (double)cs.Count(t => t.Active), 0.7, 0.97);
        Assert.InRange(tickers.Count(t => !t.Active) / (double)tickers.Count, 0.15, 0.45);
        Assert.Contains(tickers, t => t.PreviousTickers.Count > 0);
        Assert.Contains(tickers.GroupBy(t => t.Ticker), g => g.Count() > 1);
        Assert.Contains(tickers, t => t.Market == "otc" && t.PrimaryExchange is null);
    }

    [Fact]
    public async Task TickerDetails_DelistedOrUnknown_AreShapedLikeTheVendor()
    {
        // Given a delisted listing
        await using var sim = await SimulatorClient.StartAsync();
        var gone = sim.Host.Truth.Tickers().First(t => !t.Active && sim.Host.Truth.Tickers().Count(x => x.Ticker == t.Ticker) == 1);

        // When its details and an unknown ticker's are asked
        var details = (await sim.GetAsync($"/v3/reference/tickers/{gone.Ticker}")).Body!.RootElement.GetProperty("results");
        var unknown = await sim.GetAsync("/v3/reference/tickers/ZZZZZZZ");

        // Then the delisted one has delisted_utc and no market cap; the unknown one is 404
        Assert.False(details.GetProperty("active").GetBoolean());
        Assert.True(details.TryGetProperty("delisted_utc", out _));
        Assert.False(details.TryGetProperty("market_cap", out _));
        Assert.Equal(404, unknown.Status);
        Assert.Equal("Ticker not found.", unknown.Body!.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Splits_ForATicker_MatchGroundTruthIncludingReverse()
    {
        // Given the default universe's splits
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions());
        var all = await sim.GetAllPagesAsync("/v3/reference/splits?limit=1000");
        var rows = all.SelectMany(p => p.GetProperty("results").EnumerateArray()).ToList();

        // When / Then reverse splits exist and a ticker's rows equal the ground truth
        Assert.Contains(rows, r => r.GetProperty("split_to").GetInt32() < r.GetProperty("split_from").GetInt32());
        var ticker = rows[0].GetProperty("ticker").GetString()!;
        var mine = rows.Where(r => r.GetProperty("ticker").GetString() == ticker).Select(r => r.GetProperty("execution_date").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(sim.Host.Truth.Splits(ticker).Select(s => s.ExecutionDate.ToString("yyyy-MM-dd", null)), mine);
        var aapl = (await sim.GetAsync("/v3/reference/splits?ticker=AAPL&order=asc")).Body!.RootElement.GetProperty("results");
        Assert.Equal(new[] { "2005-02-28", "2014-06-09", "2020-08-31" }, aapl.EnumerateArray().Select(r => r.GetProperty("execution_date").GetString()));
    }

    [Fact]
    public async Task TickerEvents_Meta_ListsTheRenameFromFb()
    {
        // Given / When
        await using var sim = await SimulatorClient.StartAsync();
        var events = (await sim.GetAsync("/vX/reference/tickers/META/events?types=ticker_change")).Body!.RootElement.GetProperty("results").GetProperty("events");

        // Then newest first: META then FB; and FB bars stop at the rename while META's start there
        Assert.Equal(new[] { "META", "FB" }, events.EnumerateArray().Select(e => e.GetProperty("ticker_change").GetProperty("ticker").GetString()));
        var fb = (await sim.GetAsync("/v2/aggs/ticker/FB/range/1/day/2022-06-01/2022-06-15")).Body!.RootElement.GetProperty("results");
        var meta = (await sim.GetAsync("/v2/aggs/ticker/META/range/1/day/2022-06-01/2022-06-15")).Body!.RootElement.GetProperty("results");
        Assert.True(fb.EnumerateArray().Last().GetProperty("t").GetInt64() < meta[0].GetProperty("t").GetInt64());
    }

    [Fact]
    public async Task Dividends_PagedByCursor_HaveNoDuplicates()
    {
        // Given / When
        await using var sim = await SimulatorClient.StartAsync();
        var pages = await sim.GetAllPagesAsync("/v3/reference/dividends?limit=50");
        var ids = pages.SelectMany(p => p.GetProperty("results").EnumerateArray()).Select(r => r.GetProperty("id").GetString()).ToList();

        // Then
        Assert.True(pages.Count > 1);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(pages.SelectMany(p => p.GetProperty("results").EnumerateArray()), r => Assert.Equal(JsonValueKind.Number, r.GetProperty("cash_amount").ValueKind));
    }
}
