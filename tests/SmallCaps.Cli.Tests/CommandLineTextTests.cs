using SmallCaps.Cli.Ingest;

namespace SmallCaps.Cli.Tests;

public sealed class CommandLineTextTests
{
    [Fact]
    public void Redacted_KeyAsSeparateOrJoinedValue_ReplacedByStars()
    {
        // Given
        string[] args = ["ingest-daily", "--api-key", "abc123", "--outdir", "my lake", "--api-key=def456"];

        // When
        var text = CommandLineText.Redacted(args);

        // Then
        Assert.Equal("smallcaps ingest-daily --api-key *** --outdir \"my lake\" --api-key=***", text);
    }

    [Theory]
    [InlineData("--api-key:MYSECRETKEY123", "--api-key:***")]
    [InlineData("--API-KEY=MYSECRETKEY123", "--API-KEY=***")]
    [InlineData("--api_key=MYSECRETKEY123", "--api_key=***")]
    [InlineData("--apikey:MYSECRETKEY123", "--apikey:***")]
    [InlineData("-api-key=MYSECRETKEY123", "-api-key=***")]
    public void Redacted_EverySpellingOfTheKeyOptionWithItsValueJoined_ValueHidden(string argument, string expected)
    {
        var text = CommandLineText.Redacted(["ingest-daily", argument, "--outdir", "lake"]);

        Assert.Equal($"smallcaps ingest-daily {expected} --outdir lake", text);
    }

    [Theory]
    [InlineData("--api_key")]
    [InlineData("--apikey")]
    [InlineData("--Api-Key")]
    [InlineData("--key")]
    public void Redacted_NearMissOfTheKeyOptionBeforeItsValue_ValueHidden(string option)
    {
        var text = CommandLineText.Redacted(["ingest-daily", option, "MYSECRETKEY123", "--outdir", "lake"]);

        Assert.Equal($"smallcaps ingest-daily {option} *** --outdir lake", text);
    }

    [Fact]
    public void Redacted_KnownKeyAnywhere_ReplacedByStars()
    {
        // Given: a key typed where no option spelling gives it away
        string[] args = ["ingest-daily", "--outdir", "lake-MYSECRETKEY123", "--free-plan", "MYSECRETKEY123"];

        // When
        var text = CommandLineText.Redacted(args, ["MYSECRETKEY123"]);

        // Then
        Assert.Equal("smallcaps ingest-daily --outdir lake-*** --free-plan ***", text);
    }

    [Fact]
    public void Redacted_OrdinaryOptionsAndPaths_Untouched()
    {
        string[] args = ["ingest-daily", "--outdir", "/keys/lake", "--tickers-csv", "C:key.csv", "--base-url", "http://h/"];

        Assert.Equal("smallcaps " + string.Join(' ', args), CommandLineText.Redacted(args));
    }

    [Theory]
    [InlineData("/data/lake-1/x.csv", "/data/lake-1/x.csv")]
    [InlineData("my runs", "'my runs'")]
    [InlineData("wd$HOME", "'wd$HOME'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("a*b", "'a*b'")]
    [InlineData("", "''")]
    public void QuoteForPosix_PastedIntoBash_IsTheSameArgument(string argument, string expected)
    {
        Assert.Equal(expected, CommandLineText.QuoteForPosix(argument));
    }

    [Theory]
    [InlineData(@"D:\runs\minute", @"D:\runs\minute")]
    [InlineData(@"C:\Users\John Smith\runs", "\"C:\\Users\\John Smith\\runs\"")]
    [InlineData("a&b", "\"a&b\"")]
    [InlineData("", "\"\"")]
    public void QuoteForWindows_PastedIntoPowerShellOrCmd_IsTheSameArgument(string argument, string expected)
    {
        Assert.Equal(expected, CommandLineText.QuoteForWindows(argument));
    }
}
