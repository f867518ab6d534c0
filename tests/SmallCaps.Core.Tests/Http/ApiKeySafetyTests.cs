using System.Net;
using SmallCaps.Core.Api;
using SmallCaps.Core.Http;

namespace SmallCaps.Core.Tests.Http;

public sealed class ApiKeySafetyTests
{
    [Fact]
    public async Task GetPageAsync_AnyRequest_KeyInBearerHeaderNotInUrl()
    {
        // Given
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, "{}"));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        await transport.GetPageAsync(transport.Resolve("/v2/aggs/ticker/A/range/1/day/2020-01-01/2020-01-02?adjusted=true"), StubTransport.Text, CancellationToken.None);

        // Then
        var request = Assert.Single(stub.Requests);
        Assert.Equal("Bearer " + StubTransport.Secret, request.Authorization);
        Assert.DoesNotContain(StubTransport.Secret, request.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("apiKey", request.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Failures_EveryKind_KeyNeverInExceptionsOrLogs()
    {
        // Given: the vendor echoes the key in its 401 message; other answers fail and get retried
        await using var stub = await StubApi.StartAsync((ctx, i) => i switch
        {
            0 => StubApi.JsonAsync(ctx, 500, "{\"error\":\"boom " + StubTransport.Secret + "\"}"),
            1 => StubApi.JsonAsync(ctx, 429, "{}"),
            2 => StubApi.JsonAsync(ctx, 200, "{\"results\":[{\"t\":\"" + StubTransport.Secret + "\"}]}"),
            _ => StubApi.JsonAsync(ctx, 401, "{\"status\":\"ERROR\",\"error\":\"Unknown API Key '" + StubTransport.Secret + "'\"}"),
        });
        var log = new LogCapture();
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key, log: log.Logger);

        // When
        var errors = new List<Exception>();
        for (var i = 0; i < 3; i++)
        {
            try
            {
                await transport.GetPageAsync(transport.Resolve("/v2/x?apiKey=" + StubTransport.Secret), body => BarPageDecoder.Decode(body, new BarPage()), CancellationToken.None);
            }
            catch (MassiveApiException ex)
            {
                errors.Add(ex);
            }
        }

        // Then
        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e is MassiveApiException { Kind: MassiveErrorKind.Unauthorized });
        Assert.NotEmpty(log.Lines);
        foreach (var error in errors)
        {
            Assert.DoesNotContain(StubTransport.Secret, error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(StubTransport.Secret, ((MassiveApiException)error).Url ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain(StubTransport.Secret, ((MassiveApiException)error).VendorMessage ?? string.Empty, StringComparison.Ordinal);
        }

        Assert.All(log.Lines, line => Assert.DoesNotContain(StubTransport.Secret, line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BearerTokenHandler_AfterSend_RequestToStringHasNoKey()
    {
        // Given
        var inner = new RecordingHandler();
        using var client = new HttpClient(new BearerTokenHandler(StubTransport.Key, new Uri("https://api.massive.com")) { InnerHandler = inner });

        // When
        using var response = await client.GetAsync(new Uri("https://api.massive.com/v2/x"));

        // Then
        Assert.Equal("Bearer " + StubTransport.Secret, inner.AuthorizationOnTheWire);
        Assert.DoesNotContain(StubTransport.Secret, response.RequestMessage!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(StubTransport.Secret, response.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerTokenHandler_ForeignHost_RefusesWithoutSending()
    {
        // Given
        var inner = new RecordingHandler();
        using var client = new HttpClient(new BearerTokenHandler(StubTransport.Key, new Uri("https://api.massive.com")) { InnerHandler = inner });

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => client.GetAsync(new Uri("https://api.massive.com.evil.example/v2/x")));

        // Then
        Assert.Equal(MassiveErrorKind.Protocol, ex.Kind);
        Assert.Null(inner.AuthorizationOnTheWire);
    }

    [Fact]
    public async Task GetPageAsync_ForeignUrl_NotSent()
    {
        // Given
        await using var home = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, "{}"));
        await using var foreign = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, "{}"));
        using var transport = new MassiveTransport(StubTransport.Options(home.BaseUrl), StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(new Uri(foreign.BaseUrl, "/v2/x"), StubTransport.Text, CancellationToken.None));

        // Then
        Assert.Equal(MassiveErrorKind.Protocol, ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.Equal(0, foreign.Count);
        Assert.Equal(0, home.Count);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public string? AuthorizationOnTheWire { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            AuthorizationOnTheWire = request.Headers.Authorization?.ToString();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent("{}") });
        }
    }
}
