using System.Text;
using SmallCaps.Core.Ticks;

namespace SmallCaps.Core.Tests.Ticks;

public sealed class TickPageDecoderTests
{
    [Fact]
    public void Decode_TradeWithTimestampsAbove2Pow53_KeepsEveryDigit()
    {
        // Given 1710509460123456789 is far above 2^53: a double would round it
        const string body = """
            {"results":[{"conditions":[12,37],"exchange":4,"id":"52983525029461","participant_timestamp":1710509460123456789,
            "price":1.2345,"sequence_number":1063,"sip_timestamp":1710509460123456791,"size":100.5,"tape":3,"trf_id":201,
            "trf_timestamp":1710509460123456001,"correction":1,"decimal_size":"100.5","future_field":{"a":[1]}}],
            "status":"OK","request_id":"r1","next_url":"http://127.0.0.1/v3/trades/ABC?cursor=x"}
            """;
        var page = new TickPage();

        // When
        TickPageDecoder.Decode(Encoding.UTF8.GetBytes(body), page);

        // Then
        Assert.Equal(1, page.Count);
        Assert.Equal(1710509460123456791L, page.SipTimestamp[0]);
        Assert.Equal(1710509460123456789L, page.ParticipantTimestamp[0]);
        Assert.Equal(1710509460123456001L, page.TrfTimestamp[0]);
        Assert.Equal([12, 37], page.Conditions.Row(0).ToArray());
        Assert.Equal("52983525029461", Encoding.UTF8.GetString(page.Id.Row(0)));
        Assert.Equal("100.5", Encoding.UTF8.GetString(page.DecimalSize.Row(0)));
        Assert.Equal(1, page.Correction[0]);
        Assert.Equal(201, page.TrfId[0]);
        Assert.Equal(100.5, page.Size[0]);
        Assert.Equal("http://127.0.0.1/v3/trades/ABC?cursor=x", page.Envelope.NextUrl);
        Assert.True(page.HadResultsArray);
    }

    [Fact]
    public void Decode_QuoteWithoutOptionalFields_LeavesThemAbsent()
    {
        // Given
        const string body = """{"results":[{"ask_exchange":11,"ask_price":2.01,"ask_size":3,"bid_exchange":12,"bid_price":2.0,"bid_size":5,"participant_timestamp":1,"sequence_number":2,"sip_timestamp":3,"tape":3,"indicators":[]}],"status":"OK"}""";
        var page = new TickPage();

        // When
        TickPageDecoder.Decode(Encoding.UTF8.GetBytes(body), page);

        // Then
        Assert.False(page.Conditions.Has(0));
        Assert.True(page.Indicators.Has(0));
        Assert.Equal(0, page.Indicators.Row(0).Length);
        Assert.False(page.TrfTimestamp.Has(0));
        Assert.Equal(2.01, page.AskPrice[0]);
        Assert.Equal(12, page.BidExchange[0]);
    }

    [Theory]
    [InlineData("""{"results":null,"status":"OK"}""", false)]
    [InlineData("""{"status":"OK","count":0}""", false)]
    [InlineData("""{"status":"OK","results":[]}""", true)]
    public void Decode_EmptyPage_TellsAnArrayFromNullOrMissing(string body, bool array)
    {
        // Given
        var page = new TickPage();

        // When
        TickPageDecoder.Decode(Encoding.UTF8.GetBytes(body), page);

        // Then
        Assert.Equal(0, page.Count);
        Assert.Equal(array, page.HadResultsArray);
    }

    [Fact]
    public void Decode_TimestampWrittenAsFloat_IsRejected()
    {
        // Given a timestamp that went through a double somewhere upstream
        const string body = """{"results":[{"sip_timestamp":1.7105094601234568e18}],"status":"OK"}""";

        // When / Then
        Assert.ThrowsAny<Exception>(() => TickPageDecoder.Decode(Encoding.UTF8.GetBytes(body), new TickPage()));
    }
}
