using SmallCaps.Core.Api;

namespace SmallCaps.Core.Tests.Api;

public sealed class JsonObjectExtentTests
{
    [Theory]
    [InlineData("""{}""", 2)]
    [InlineData("""{"a":[1,{"b":"}]"}],"c":"\\"}  """, 29)]
    [InlineData("""{"a":"\"{"},{"x":1}""", 11)]
    [InlineData("""{"a":[}]x""", 8)]
    public void Length_ObjectFollowedByMore_EndsAtItsBrace(string text, int expected)
    {
        // Then
        Assert.Equal(expected, JsonObjectExtent.Length(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("""{"a":1""")]
    [InlineData("""{"a":"}""")]
    [InlineData("""{"a":"\""")]
    [InlineData("""{"a":"x\""")]
    [InlineData("""{"a":{"b":1}""")]
    public void Length_DataEndsFirst_MinusOne(string text)
    {
        // Then
        Assert.Equal(-1, JsonObjectExtent.Length(System.Text.Encoding.UTF8.GetBytes(text)));
    }
}
