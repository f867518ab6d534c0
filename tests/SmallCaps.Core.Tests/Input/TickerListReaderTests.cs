using SmallCaps.Core.Input;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Input;

public sealed class TickerListReaderTests
{
    private static string Write(TempDirectory dir, string content, bool bom = false)
    {
        var path = dir.Combine("tickers.csv");
        File.WriteAllText(path, content, new System.Text.UTF8Encoding(bom));
        return path;
    }

    [Fact]
    public void Read_BomBlankLinesAndExtraColumns_ReturnsTickersInOrder()
    {
        // Given
        using var dir = new TempDirectory();
        var path = Write(dir, "name,Ticker\nAlpha,AAA\n\nBerkshire,BRK.A\n,\nGamma,CCC\n", bom: true);

        // When
        var list = TickerListReader.Read(path);

        // Then
        Assert.Equal(["AAA", "BRK.A", "CCC"], list.Tickers);
        Assert.Empty(list.Warnings);
    }

    [Theory]
    [InlineData("ticker,ticker\nAAA,BBB\n")]
    [InlineData("Ticker,name, TICKER\nAAA,Alpha,BBB\n")]
    public void Read_TwoTickerColumns_ErrorNamingFileAndLineOne(string content)
    {
        // Given
        using var dir = new TempDirectory();
        var path = Write(dir, content);

        // When
        var ex = Assert.Throws<InputException>(() => TickerListReader.Read(path));

        // Then
        Assert.StartsWith($"{path}:1: more than one 'ticker' column in header", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Duplicate_KeepsFirstAndWarnsWithLine()
    {
        using var dir = new TempDirectory();
        var path = Write(dir, "ticker\nAAA\nBBB\nAAA\n");

        var list = TickerListReader.Read(path);

        Assert.Equal(["AAA", "BBB"], list.Tickers);
        var warning = Assert.Single(list.Warnings);
        Assert.Contains(":4:", warning);
        Assert.Contains("AAA", warning);
    }

    [Fact]
    public void Read_TickersDifferingOnlyInCase_ThrowsNamingBothLines()
    {
        // Given: a preferred-style symbol next to its upper-case twin
        using var dir = new TempDirectory();
        var path = Write(dir, "ticker\nAAA\nALLpB\nBBB\nALLPB\n");

        // When
        var ex = Assert.Throws<InputException>(() => TickerListReader.Read(path));

        // Then
        Assert.Equal($"{path}:5: ticker \"ALLPB\" differs only in case from \"ALLpB\" on line 3; Windows and macOS would give both one folder", ex.Message);
    }

    [Theory]
    [InlineData("ticker\nAAA\n../etc\n", 3, "../etc")]
    [InlineData("ticker\nAAA\nBBB\nA/B\n", 4, "A/B")]
    [InlineData("ticker\nA\\B\n", 2, "A\\B")]
    [InlineData("ticker\nC:X\n", 2, "C:X")]
    [InlineData("ticker\naapl\n", 2, "aapl")]
    [InlineData("ticker\nAB\u0001C\n", 2, "AB\\u0001C")]
    public void Read_BadTicker_ThrowsOneLineNamingFileLineAndValue(string content, int line, string shown)
    {
        using var dir = new TempDirectory();
        var path = Write(dir, content);

        var ex = Assert.Throws<InputException>(() => TickerListReader.Read(path));

        Assert.StartsWith($"{path}:{line}:", ex.Message);
        Assert.Contains($"\"{shown}\"", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Read_NoTickerColumn_ThrowsNamingHeader()
    {
        using var dir = new TempDirectory();
        var path = Write(dir, "symbol\nAAA\n");

        var ex = Assert.Throws<InputException>(() => TickerListReader.Read(path));

        Assert.Contains(":1:", ex.Message);
        Assert.Contains("symbol", ex.Message);
    }

    [Fact]
    public void Read_MissingFile_Throws()
    {
        using var dir = new TempDirectory();

        var ex = Assert.Throws<InputException>(() => TickerListReader.Read(dir.Combine("nope.csv")));

        Assert.Contains("not found", ex.Message);
    }

    [Fact]
    public void Read_HugeTickerValue_ErrorLineCutShort()
    {
        // Given
        using var dir = new TempDirectory();
        var path = Write(dir, "ticker\n" + new string('A', 5_000_000) + "\n");

        // When
        var ex = Assert.Throws<InputException>(() => TickerListReader.Read(path));

        // Then
        Assert.Contains(new string('A', EchoedValue.MaxLength) + "…\"", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < path.Length + 200, $"{ex.Message.Length} characters");
    }

    [Fact]
    public void Read_HeaderWithControlCharacters_EchoedEscaped()
    {
        using var dir = new TempDirectory();
        var path = Write(dir, "sym\0bol\tx\nAAA\n");

        var ex = Assert.Throws<InputException>(() => TickerListReader.Read(path));

        Assert.Contains("header \"sym\\u0000bol\\u0009x\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileThatCannotBeOpened_InputErrorNamingIt()
    {
        // Given: a file that exists but may not be read (write-only for root, mode 000 for anyone else)
        using var dir = new TempDirectory();
        const string WriteOnly = "/sys/bus/pci/rescan";
        var path = Environment.UserName == "root" && File.Exists(WriteOnly) ? WriteOnly : Write(dir, "ticker\nAAA\n");
        if (path != WriteOnly && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.None);
        }

        // Windows has no mode bits: a writer holding the file alone refuses the read instead.
        using var held = OperatingSystem.IsWindows() ? new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None) : null;

        // When
        var ex = Assert.Throws<InputException>(() => TickerListReader.Read(path));

        // Then
        Assert.StartsWith($"{path}: cannot read", ex.Message, StringComparison.Ordinal);
    }
}
