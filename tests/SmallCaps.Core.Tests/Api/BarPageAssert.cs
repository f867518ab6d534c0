using SmallCaps.Core.Api;

namespace SmallCaps.Core.Tests.Api;

/// <summary>Bit-for-bit comparison of two decoded pages: every column (doubles by their bits) and the whole envelope.</summary>
internal static class BarPageAssert
{
    public static void Identical(BarPage expected, BarPage actual, string because)
    {
        Assert.True(expected.Count == actual.Count, $"{because}: {expected.Count} bars expected, {actual.Count} decoded");
        Assert.True(expected.Time.SequenceEqual(actual.Time), $"{because}: t differs");
        SameBits(expected.Open, actual.Open, "o", because);
        SameBits(expected.High, actual.High, "h", because);
        SameBits(expected.Low, actual.Low, "l", because);
        SameBits(expected.Close, actual.Close, "c", because);
        SameBits(expected.Volume, actual.Volume, "v", because);
        SameBits(expected.Vwap, actual.Vwap, "vw", because);
        Assert.True(expected.HasVwap.SequenceEqual(actual.HasVwap), $"{because}: vw presence differs");
        Assert.True(expected.Transactions.SequenceEqual(actual.Transactions), $"{because}: n differs");
        Assert.True(expected.HasTransactions.SequenceEqual(actual.HasTransactions), $"{because}: n presence differs");
        Assert.True(expected.Otc.SequenceEqual(actual.Otc), $"{because}: otc differs");
        Assert.True(expected.HasSymbols == actual.HasSymbols, $"{because}: T presence differs");
        Assert.True(expected.Symbols.SequenceEqual(actual.Symbols), $"{because}: T differs");
        var e = expected.Envelope;
        var a = actual.Envelope;
        Assert.Equal((e.Status, e.RequestId, e.NextUrl, e.ResultsCount, e.QueryCount, e.Count, e.Ticker, e.Adjusted, e.VendorMessage), (a.Status, a.RequestId, a.NextUrl, a.ResultsCount, a.QueryCount, a.Count, a.Ticker, a.Adjusted, a.VendorMessage));
    }

    private static void SameBits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string column, string because)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]), $"{because}: {column}[{i}] {expected[i]:R} expected, {actual[i]:R} decoded");
        }
    }
}
