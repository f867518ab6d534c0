using System.Text;
using SmallCaps.Core.Api;

namespace SmallCaps.Core.Tests.Api;

public sealed class BarRowScannerTests
{
    [Theory]
    [InlineData("""{"v":1.029145e+06,"vw":3.2145,"o":3.21,"c":3.2036,"h":3.2164,"l":3.2036,"t":1704186000000,"n":456},{""")]
    [InlineData("""{ "t" : 1704186000000 ,"o":3.21,"h":3.2164,"l":3.2036,"c":3.2036,"v":1029145,"vw":3.2145,"n":456 }]""")]
    [InlineData("{\n\t\"l\":3.2036,\r\n\"c\":3.2036,\"h\":3.2164,\"o\":3.21,\"vw\":3.2145,\"n\":456,\"t\":1704186000000,\"v\":1029145.0}\n]")]
    public void TryRead_PlainVendorRowInAnyOrderOrSpacing_Accepted(string text)
    {
        // Given
        var data = Encoding.UTF8.GetBytes(text);
        var page = new BarPage();

        // When
        var ok = BarRowScanner.TryRead(data, page, out var length);

        // Then
        Assert.True(ok);
        Assert.Equal((byte)'}', data[length - 1]);
        Assert.Equal(JsonObjectExtent.Length(data), length);
        Assert.Equal(1, page.Count);
        Assert.Equal(1704186000000L, page.Time[0]);
        Assert.Equal([3.21, 3.2164, 3.2036, 3.2036, 1029145.0, 3.2145], [page.Open[0], page.High[0], page.Low[0], page.Close[0], page.Volume[0], page.Vwap[0]]);
        Assert.Equal(456, page.Transactions[0]);
        Assert.True(page.HasVwap[0] && page.HasTransactions[0]);
        Assert.False(page.Otc[0]);
    }

    [Fact]
    public void TryRead_OtcAndSymbol_Accepted()
    {
        // Given
        var data = """{"T":"BRK.A","v":5,"o":1,"c":1,"h":1,"l":1,"t":-0,"otc":true}"""u8.ToArray();
        var page = new BarPage();

        // When
        var ok = BarRowScanner.TryRead(data, page, out _);

        // Then: a row that ends the data is complete once its brace is there
        Assert.True(ok);
        Assert.True(page.Otc[0]);
        Assert.Equal("BRK.A", page.Symbols[0]);
        Assert.Equal(0L, page.Time[0]);
        Assert.False(page.HasVwap[0]);
    }

    [Fact]
    public void TryRead_UnknownFieldsWithPlainValues_SkippedAndAccepted()
    {
        // Given
        var data = """{"x":2.5e3,"t":7,"flag":true,"o":1,"gone":null,"h":1,"l":1,"name":"a b","c":1,"v":1,"z":-0}"""u8.ToArray();
        var page = new BarPage();

        // When
        var ok = BarRowScanner.TryRead(data, page, out var length);

        // Then
        Assert.True(ok);
        Assert.Equal(data.Length, length);
        Assert.Equal(7L, page.Time[0]);
    }

    [Theory]
    [InlineData("""{"\u0074":1,"o":1,"h":1,"l":1,"c":1,"v":1}""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1,"vw":null}""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1,"x":{"t":2}}""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1,"x":[2]}""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1,"x":"a\"b"}""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1,"x":nul}""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1,"\u0078":2}""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1,"o":2}""")]
    [InlineData("""{"t":01,"o":1,"h":1,"l":1,"c":1,"v":1}""")]
    [InlineData("""{"t":1,"o":1.,"h":1,"l":1,"c":1,"v":1}""")]
    [InlineData("""{"t":1,"o":1e,"h":1,"l":1,"c":1,"v":1}""")]
    [InlineData("""{"t":1.6e12,"o":1,"h":1,"l":1,"c":1,"v":1}""")]
    [InlineData("""{"t":1234567890123456789,"o":1,"h":1,"l":1,"c":1,"v":1}""")]
    [InlineData("""{"t":1,"o":0.1234567890123456789,"h":1,"l":1,"c":1,"v":1}""")]
    [InlineData("""{"t":1,"o":1e400,"h":1,"l":1,"c":1,"v":1}""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1,"T":"A\"B"}""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1,"T":"Ä"}""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1}""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1x}""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1 2}""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1,"v":truex}""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1""")]
    [InlineData("""{"t":1,"o":1,"h":1,"l":1,"c":1,"v":1.5""")]
    [InlineData("""{}""")]
    public void TryRead_AnythingNotCertain_LeftToTheReader(string text)
    {
        // Given
        var page = new BarPage();

        // When
        var ok = BarRowScanner.TryRead(Encoding.UTF8.GetBytes(text), page, out _);

        // Then
        Assert.False(ok);
        Assert.Equal(0, page.Count);
    }
}
