using SmallCaps.Core.Input;
using SmallCaps.Core.Universe;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Universe;

public sealed class UniverseCsvWriterTests
{
    [Fact]
    public async Task WriteAsync_TickersThatLookLikeNullsOrHaveDots_ReadBackUnchanged()
    {
        // Given
        using var dir = new TempDirectory();
        var path = dir.Combine("u.csv");
        string[] tickers = ["BRK.A", "NA", "NULL", "NAN", "TRUE", "ABCpA"];

        // When
        await UniverseCsvWriter.WriteAsync(path, tickers, TimeProvider.System);

        // Then
        Assert.Equal(tickers, TickerListReader.Read(path).Tickers);
        Assert.StartsWith("ticker\nBRK.A\nNA\nNULL\n", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
