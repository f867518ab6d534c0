using SmallCaps.Core.Http;

namespace SmallCaps.Core.Tests.Http;

public sealed class NextPageUrlTests
{
    private static readonly Uri Base = new("https://api.massive.com");

    [Theory]
    [InlineData("https://api.massive.com/v2/aggs/ticker/A/range/1/minute/1/2?cursor=a%2Fb%3D", "https://api.massive.com/v2/aggs/ticker/A/range/1/minute/1/2?cursor=a%2Fb%3D")]
    [InlineData("/v2/x?cursor=q", "https://api.massive.com/v2/x?cursor=q")]
    public void Resolve_SameHost_FollowedVerbatim(string next, string expected)
    {
        // Given
        using var transport = new MassiveTransport(StubTransport.Options(Base), StubTransport.Key);

        // When
        var url = NextPageUrl.Resolve(transport, next, new Uri(Base, "/v2/first"));

        // Then
        Assert.Equal(expected, url.OriginalString);
    }

    [Fact]
    public void Resolve_OtherHost_RefusedWithoutTheKey()
    {
        // Given
        using var transport = new MassiveTransport(StubTransport.Options(Base), StubTransport.Key);

        // When
        var ex = Assert.Throws<MassiveApiException>(() => NextPageUrl.Resolve(transport, "https://evil.example/v2/x?apiKey=" + StubTransport.Secret, new Uri(Base, "/v2/first")));

        // Then
        Assert.Equal(MassiveErrorKind.Protocol, ex.Kind);
        Assert.DoesNotContain(StubTransport.Secret, ex.Message, StringComparison.Ordinal);
    }
}
