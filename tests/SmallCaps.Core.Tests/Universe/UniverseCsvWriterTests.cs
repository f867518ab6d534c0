using SmallCaps.Core.Input;
using SmallCaps.Core.Universe;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Universe;

public sealed class UniverseCsvWriterTests
{
    [Fact]
    public void Write_TickersThatLookLikeNullsOrHaveDots_ReadBackUnchanged()
    {
        // Given
        using var dir = new TempDirectory();
        var path = dir.Combine("u.csv");
        string[] tickers = ["BRK.A", "NA", "NULL", "NAN", "TRUE", "ABCpA"];

        // When
        UniverseCsvWriter.Write(path, tickers);

        // Then
        Assert.Equal(tickers, TickerListReader.Read(path).Tickers);
        Assert.StartsWith("ticker\nBRK.A\nNA\nNULL\n", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
