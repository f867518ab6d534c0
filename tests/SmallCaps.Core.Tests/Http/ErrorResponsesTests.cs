using Microsoft.AspNetCore.Http;
using SmallCaps.Core.Http;

namespace SmallCaps.Core.Tests.Http;

/// <summary>A key or plan verdict is believed only in the vendor's JSON envelope; a proxy's or web filter's page is not one.</summary>
public sealed class ErrorResponsesTests
{
    [Theory]
    [InlineData(403, "text/html", "<html><body><h1>Access Denied</h1>blocked by your organization policy</body></html>", "HTTP 403 with an HTML page, not the API's answer: a proxy or web filter between you and the API?")]
    [InlineData(403, "text/plain", "", "HTTP 403 with an empty body, not the API's answer")]
    [InlineData(401, "text/plain", "Unauthorized", "HTTP 401 with a body that is not the API's JSON, not the API's answer")]
    [InlineData(407, "text/html", "<html>Proxy Authentication Required</html>", "HTTP 407 proxy authentication required")]
    public async Task GetPageAsync_ForbiddenPageNotFromTheApi_InterceptedNotAVerdict(int status, string contentType, string body, string expected)
    {
        // Given: a web filter between the tool and the API answers instead of the vendor
        await using var stub = await StubApi.StartAsync(async (ctx, _) =>
        {
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = contentType;
            await ctx.Response.WriteAsync(body);
        });
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(transport.Resolve("/v2/aggs/ticker/AAA/range/1/day/2024-01-01/2024-03-31"), StubTransport.Text, CancellationToken.None));

        // Then: neither "not entitled" nor "key rejected", and not run-fatal
        Assert.Equal(MassiveErrorKind.Intercepted, ex.Kind);
        Assert.False(ex.IsRunFatal);
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, stub.Count);
        Assert.Equal(1, transport.Metrics.Failures);
    }

    [Fact]
    public async Task GetPageAsync_VendorNotAuthorizedEnvelope_StillNotEntitled()
    {
        // Given: the vendor's own 403, as the simulator sends it
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 403, """{"status":"NOT_AUTHORIZED","request_id":"b","message":"You are not entitled to this data."}"""));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None));

        // Then
        Assert.Equal(MassiveErrorKind.NotEntitled, ex.Kind);
    }
}
