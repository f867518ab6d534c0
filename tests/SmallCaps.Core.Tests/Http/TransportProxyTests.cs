using System.Net;
using SmallCaps.Core.Http;

namespace SmallCaps.Core.Tests.Http;

/// <summary>A configured proxy carries requests to a remote API, never to a loopback one (the demo's simulator), which it cannot reach and must not get the key for.</summary>
public sealed class TransportProxyTests
{
    private const string Ok = """{"status":"OK","results":[]}""";

    [Fact]
    public async Task GetPageAsync_LoopbackBaseUrlWithAProxyConfigured_GoesDirect()
    {
        // Given
        await using var proxy = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 502, "bad gateway"));
        await using var api = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, Ok));
        using var transport = new MassiveTransport(StubTransport.Options(api.BaseUrl) with { Proxy = new WebProxy(proxy.BaseUrl) }, StubTransport.Key);

        // When
        var body = await transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None);

        // Then
        Assert.Equal(Ok, body);
        Assert.Equal(1, api.Count);
        Assert.Equal(0, proxy.Count);
    }

    [Fact]
    public async Task GetPageAsync_RemoteBaseUrlWithAProxyConfigured_GoesViaTheProxyAndItsErrorsNameIt()
    {
        // Given: the proxy cannot reach the API and answers with its own page
        await using var proxy = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 502, "<html>Bad Gateway</html>"));
        var options = StubTransport.Options(new Uri("http://api.example.invalid")) with { Proxy = new WebProxy(proxy.BaseUrl), MaxRetries = 0 };
        using var transport = new MassiveTransport(options, StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None));

        // Then
        Assert.Equal(1, proxy.Count);
        Assert.Contains($"via proxy {proxy.BaseUrl.GetLeftPart(UriPartial.Authority)} from the system proxy settings", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ProxyFromEnvironmentWithCredentials_NamesTheVariableNotThePassword()
    {
        // Given
        var environment = new Dictionary<string, string?> { ["HTTPS_PROXY"] = "http://alice:s3cret@proxy.corp.example:8080" };

        // When
        var via = ProxyInUse.Describe(new Uri("https://api.massive.com"), new WebProxy("http://proxy.corp.example:8080"), n => environment.GetValueOrDefault(n));

        // Then
        Assert.Equal("via proxy http://proxy.corp.example:8080 from HTTPS_PROXY", via);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://127.8.9.10:5000")]
    [InlineData("http://[::1]:5000")]
    [InlineData("http://localhost:5000")]
    public void Describe_LoopbackBaseUrl_NoProxy(string baseUrl)
    {
        // Given
        var proxy = new WebProxy("http://proxy.corp.example:8080");

        // When
        var via = ProxyInUse.Describe(new Uri(baseUrl), proxy, _ => "http://proxy.corp.example:8080");

        // Then
        Assert.Null(via);
    }
}
