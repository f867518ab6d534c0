using NodaTime;
using SmallCaps.Core.Input;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Input;

public sealed class IngestRangeParserTests
{
    // 2024-03-05 02:00Z is still 2024-03-04 in New York: "today" must come from New York.
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2024, 3, 5, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Parse_ValidPastRange_KeepsDates()
    {
        var range = IngestRangeParser.Parse("2020-01-01", "2021-06-30", Clock);

        Assert.Equal(new LocalDate(2020, 1, 1), range.From);
        Assert.Equal(new LocalDate(2021, 6, 30), range.To);
        Assert.Null(range.Notice);
    }

    [Fact]
    public void Parse_FutureTo_ClampsToYesterdayInNewYorkWithNotice()
    {
        var range = IngestRangeParser.Parse("2024-01-01", "2030-01-01", Clock);

        Assert.Equal(new LocalDate(2024, 3, 3), range.To);
        Assert.NotNull(range.Notice);
    }

    [Theory]
    [InlineData("2020-13-01", "2021-01-01", "--from")]
    [InlineData("2020-1-1", "2021-01-01", "--from")]
    [InlineData("2020-01-01", "tomorrow", "--to")]
    [InlineData("2021-01-02", "2021-01-01", "after")]
    public void Parse_Bad_ThrowsNamingOption(string from, string to, string expected)
    {
        var ex = Assert.Throws<InputException>(() => IngestRangeParser.Parse(from, to, Clock));

        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2020-13-01")]
    public void Parse_InTheFormButNoSuchDay_SaysItIsNotARealDate(string from)
    {
        var ex = Assert.Throws<InputException>(() => IngestRangeParser.Parse(from, "2024-03-01", Clock));

        Assert.Equal($"--from \"{from}\" is not a real date (no such month or day)", ex.Message);
    }

    [Theory]
    [InlineData("2024-2-3")]
    [InlineData("20240301")]
    public void Parse_NotInTheForm_SaysSo(string from)
    {
        var ex = Assert.Throws<InputException>(() => IngestRangeParser.Parse(from, "2024-03-01", Clock));

        Assert.Equal($"--from \"{from}\" is not a date in YYYY-MM-DD form", ex.Message);
    }
}
