using SmallCaps.Core.Input;

namespace SmallCaps.Core.Tests.Input;

public sealed class EchoedValueTests
{
    [Fact]
    public void Of_ControlCharacters_EscapedOnOneLine() =>
        Assert.Equal("a\\u0000b\\u0009c\\u000a", EchoedValue.Of("a\0b\tc\n"));

    [Fact]
    public void Of_LongValue_CutAfterSixtyCharactersWithAnEllipsis()
    {
        var echoed = EchoedValue.Of(new string('A', 5_000_000));

        Assert.Equal(new string('A', 60) + "…", echoed);
    }

    [Fact]
    public void Of_ShortValue_Unchanged() => Assert.Equal("AAPL", EchoedValue.Of("AAPL"));
}
