using NodaTime;
using SmallCaps.Core.Input;
using SmallCaps.Core.Manifest;

namespace SmallCaps.Core.Tests.Manifest;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("30m", 1800)]
    [InlineData("90s", 90)]
    [InlineData("1h30m", 5400)]
    [InlineData("00:30", 1800)]
    [InlineData("1:00:05", 3605)]
    [InlineData("0s", 0)]
    public void Parse_KnownForms_GiveSeconds(string text, long seconds)
    {
        // Given / When
        var d = DurationText.Parse("--before", text);

        // Then
        Assert.Equal(Duration.FromSeconds(seconds), d);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("ten minutes")]
    [InlineData("17h")]
    [InlineData("\u0663\u0660m")]
    public void Parse_BadOrTooLong_ThrowsNamingTheOption(string text)
    {
        // Given / When
        var ex = Assert.Throws<InputException>(() => DurationText.Parse("--after", text));

        // Then
        Assert.StartsWith("--after", ex.Message, StringComparison.Ordinal);
    }
}
