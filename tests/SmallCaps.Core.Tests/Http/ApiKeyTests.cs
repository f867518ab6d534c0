using SmallCaps.Core.Http;

namespace SmallCaps.Core.Tests.Http;

public sealed class ApiKeyTests
{
    [Fact]
    public void ToString_AnyKey_ReturnsStars()
    {
        // Given
        var key = ApiKey.Create("SECRETKEY123");

        // When
        var text = $"{key} {key.ToString()}";

        // Then
        Assert.Equal("*** ***", text);
        Assert.Equal("SECRETKEY123", key.Reveal());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc def")]
    [InlineData("abc\r\nX-Evil: 1")]
    public void Create_MalformedValue_ThrowsWithoutEchoingIt(string value)
    {
        // When
        var ex = Assert.Throws<ArgumentException>(() => ApiKey.Create(value));

        // Then
        Assert.DoesNotContain("def", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Evil", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SurroundingWhitespace_IsTrimmed()
    {
        // When
        var key = ApiKey.Create("  KEY1\n");

        // Then
        Assert.Equal("KEY1", key.Reveal());
    }
}
