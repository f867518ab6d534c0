using System.Buffers;
using System.Text;
using SmallCaps.Core.Api;
using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Tests.Api.Reference;

public sealed class ReferenceDecoderTests
{
    private static void Decode<TSink>(string json, TSink sink, PageEnvelope envelope)
        where TSink : IPageRowSink =>
        JsonPageReader.Read(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), envelope, sink);

    [Fact]
    public void TickerSink_ListPage_ReadsFieldsAndNextUrl()
    {
        // Given
        var json = """{"results":[{"ticker":"BRK.A","name":"Berkshire","market":"stocks","locale":"us","primary_exchange":"XNYS","type":"CS","active":true,"currency_name":"usd","cik":"0001067983","composite_figi":"BBG000DWG505","share_class_figi":"BBG001S5WX81","last_updated_utc":"2025-10-17T00:00:00Z"},{"ticker":"OLD","type":"CS","active":false,"delisted_utc":"2020-03-02T00:00:00Z","cik":1234}],"status":"OK","request_id":"r1","count":2,"next_url":"https://api.massive.com/v3/reference/tickers?cursor=abc"}""";
        var sink = new TickerSink();
        var envelope = new PageEnvelope();

        // When
        Decode(json, sink, envelope);

        // Then
        Assert.Equal(2, sink.Rows.Count);
        Assert.Equal("BRK.A", sink.Rows[0].Ticker);
        Assert.Equal("XNYS", sink.Rows[0].PrimaryExchange);
        Assert.Equal("BBG001S5WX81", sink.Rows[0].ShareClassFigi);
        Assert.True(sink.Rows[0].Active);
        Assert.False(sink.Rows[1].Active);
        Assert.Equal("1234", sink.Rows[1].Cik);
        Assert.Equal("2020-03-02T00:00:00Z", sink.Rows[1].DelistedUtc);
        Assert.Equal("https://api.massive.com/v3/reference/tickers?cursor=abc", envelope.NextUrl);
    }

    [Fact]
    public void TickerSink_DetailsObject_ReadsMarketCapAndSkipsNestedObjects()
    {
        // Given
        var json = """{"results":{"ticker":"AAPL","address":{"city":"CUPERTINO"},"market_cap":3.5e12,"list_date":"1980-12-12","sic_code":"3571","sic_description":"ELECTRONIC COMPUTERS","branding":{"logo_url":"x"},"share_class_shares_outstanding":15000000000,"total_employees":161000},"status":"OK"}""";
        var sink = new TickerSink();

        // When
        Decode(json, sink, new PageEnvelope());

        // Then
        var row = Assert.Single(sink.Rows);
        Assert.Equal(3.5e12, row.MarketCap);
        Assert.Equal("1980-12-12", row.ListDate);
        Assert.Equal("ELECTRONIC COMPUTERS", row.SicDescription);
        Assert.Equal(15000000000d, row.ShareClassSharesOutstanding);
        Assert.Equal(161000, row.TotalEmployees);
    }

    [Fact]
    public void TickerEventsSink_Renames_ReadsTickerChangesOnly()
    {
        // Given
        var json = """{"results":{"name":"Meta Platforms","composite_figi":"BBG000MM2P62","cik":"0001326801","events":[{"ticker_change":{"ticker":"META"},"type":"ticker_change","date":"2022-06-09"},{"type":"other","date":"2020-01-01"},{"ticker_change":{"ticker":"FB"},"type":"ticker_change","date":"2012-05-18"}]},"status":"OK"}""";
        var sink = new TickerEventsSink();

        // When
        Decode(json, sink, new PageEnvelope());

        // Then
        Assert.NotNull(sink.Result);
        Assert.Equal("BBG000MM2P62", sink.Result.CompositeFigi);
        Assert.Equal([("META", "2022-06-09"), ("FB", "2012-05-18")], sink.Result.Changes.Select(c => (c.Ticker, c.Date!)));
    }

    [Fact]
    public void SplitAndDividendSinks_Rows_ReadEveryField()
    {
        // Given
        var splits = new SplitSink();
        var dividends = new DividendSink();

        // When
        Decode("""{"results":[{"execution_date":"2020-08-31","id":"E1","split_from":1,"split_to":4,"ticker":"AAPL"}],"status":"OK"}""", splits, new PageEnvelope());
        Decode("""{"results":[{"cash_amount":0.24,"declaration_date":"2024-05-02","dividend_type":"CD","ex_dividend_date":"2024-05-10","frequency":4,"id":"E2","pay_date":"2024-05-16","record_date":"2024-05-13","ticker":"AAPL"}],"status":"OK"}""", dividends, new PageEnvelope());

        // Then
        Assert.Equal(new SplitRecord("AAPL", "2020-08-31", 1, 4, "E1"), Assert.Single(splits.Rows));
        Assert.Equal(new DividendRecord("AAPL", 0.24, "2024-05-10", "2024-05-16", "2024-05-13", "2024-05-02", 4, "CD", "E2"), Assert.Single(dividends.Rows));
    }
}
