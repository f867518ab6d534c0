using System.Text;
using Microsoft.AspNetCore.Http;
using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Core.Tests.Api;
using SmallCaps.Core.Tests.Lake;

namespace SmallCaps.Core.Tests.Http;

public sealed class StreamedTransportTests
{
    private static readonly byte[] FullPage = PageOf(2_000, firstT: 1_000_000, nextUrl: "https://api.massive.com/next");

    private static byte[] PageOf(int bars, long firstT, string? nextUrl)
    {
        var json = new StringBuilder("""{"ticker":"SMCP","queryCount":1,"results":[""");
        for (var i = 0; i < bars; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append(System.Globalization.CultureInfo.InvariantCulture, $$"""{"v":{{100 + i}},"vw":1.5,"o":1,"c":2.25,"h":3,"l":0.5,"t":{{firstT + (i * 60_000L)}},"n":{{i % 7}}}""");
        }

        json.Append("""],"status":"OK","request_id":"r1" """);
        if (nextUrl is not null)
        {
            json.Append(",\"next_url\":\"").Append(nextUrl).Append('"');
        }

        return Encoding.UTF8.GetBytes(json.Append('}').ToString());
    }

    private static async Task WriteAsync(HttpContext context, byte[] body, int? declaredLength = null)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = declaredLength;
        await context.Response.Body.WriteAsync(body);
    }

    [Fact]
    public async Task GetStreamedPageAsync_ConnectionCutMidBody_RetriedAndFinalPageExact()
    {
        // Given: the first answer is a different page cut after ~40 KB (rows already decoded must not survive)
        var other = PageOf(2_000, firstT: 5, nextUrl: null);
        await using var stub = await StubApi.StartAsync(async (ctx, i) =>
        {
            if (i == 0)
            {
                ctx.Response.ContentLength = other.Length;
                await ctx.Response.Body.WriteAsync(other.AsMemory(0, 40_000));
                await ctx.Response.Body.FlushAsync();
                ctx.Abort();
                return;
            }

            await WriteAsync(ctx, FullPage);
        });
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);
        var decoder = new BarStreamDecoder(new BarPage());

        // When
        var page = await transport.GetStreamedPageAsync(transport.Resolve("/v2/x"), decoder, CancellationToken.None);

        // Then
        BarPageAssert.Identical(DecodeOutcome.Reference(FullPage).Page!, page, "after a cut body");
        Assert.Equal(2, stub.Count);
        var metrics = transport.Metrics;
        Assert.Equal((2L, 1L, 1L, 0L), (metrics.Requests, metrics.Retries, metrics.Pages, metrics.Failures));
        Assert.Equal(FullPage.Length, metrics.BytesReceived);
    }

    [Fact]
    public async Task GetStreamedPageAsync_WriterFailsMidBody_ItsErrorGoesOnUnretried()
    {
        // Given: rows handed on every 100 bars to a writer whose disk is full
        await using var stub = await StubApi.StartAsync((ctx, _) => WriteAsync(ctx, FullPage));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);
        var full = DiskFullTests.NoSpace();
        var decoder = new BarStreamDecoder(new BarPage(), bufferSize: 4096) { DrainRows = 100, Drain = (_, _) => ValueTask.FromException(full) };

        // When
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => transport.GetStreamedPageAsync(transport.Resolve("/v2/x"), decoder, CancellationToken.None));

        // Then: the writer's own exception, not a "body cut short" network error, and one request only
        Assert.Same(full, thrown);
        Assert.Equal(1, stub.Count);
        Assert.Equal(0L, transport.Metrics.Retries);
    }

    [Fact]
    public async Task GetStreamedPageAsync_JsonCutShortInCompleteResponse_RetriedAsTransient()
    {
        // Given: HTTP says the body is complete, the JSON is not
        await using var stub = await StubApi.StartAsync((ctx, i) => WriteAsync(ctx, i == 0 ? FullPage[..(FullPage.Length / 2)] : FullPage));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var page = await transport.GetStreamedPageAsync(transport.Resolve("/v2/x"), new BarStreamDecoder(new BarPage()), CancellationToken.None);

        // Then
        Assert.Equal(2_000, page.Count);
        Assert.Equal("https://api.massive.com/next", page.Envelope.NextUrl);
        Assert.Equal(1, transport.Metrics.Retries);
    }

    [Fact]
    public async Task GetStreamedPageAsync_WrongShape_ProtocolErrorNotRetried()
    {
        // Given
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, """{"results":[{"t":"soon","o":1,"h":1,"l":1,"c":1,"v":1}]}"""));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetStreamedPageAsync(transport.Resolve("/v2/x"), new BarStreamDecoder(new BarPage()), CancellationToken.None));

        // Then
        Assert.Equal(MassiveErrorKind.Protocol, ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.Equal(1, stub.Count);
        Assert.IsType<PageFormatException>(ex.InnerException);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetStreamedPageAsync_BodyOverLimit_ProtocolErrorNotRetried(bool declared)
    {
        // Given: a valid page larger than the limit, with or without Content-Length
        await using var stub = await StubApi.StartAsync((ctx, _) => WriteAsync(ctx, FullPage, declared ? FullPage.Length : null));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl) with { MaxResponseBytes = 64 * 1024 }, StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetStreamedPageAsync(transport.Resolve("/v2/x"), new BarStreamDecoder(new BarPage()), CancellationToken.None));

        // Then
        Assert.True(FullPage.Length > 64 * 1024);
        Assert.Equal(MassiveErrorKind.Protocol, ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.IsType<ResponseTooLargeException>(ex.InnerException);
        Assert.Equal(1, stub.Count);
        Assert.Equal(0, transport.Metrics.Pages);
    }

    [Fact]
    public async Task GetStreamedPageAsync_NotFound_TypedFromTheErrorBody()
    {
        // Given
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 404, """{"status":"NOT_FOUND","request_id":"c","message":"Ticker not found."}"""));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetStreamedPageAsync(transport.Resolve("/v2/x"), new BarStreamDecoder(new BarPage()), CancellationToken.None));

        // Then
        Assert.Equal(MassiveErrorKind.NotFound, ex.Kind);
        Assert.Equal("Ticker not found.", ex.VendorMessage);
        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public async Task GetStreamedPageAsync_ForeignUrl_NotSent()
    {
        // Given
        await using var home = await StubApi.StartAsync((ctx, _) => WriteAsync(ctx, FullPage));
        await using var foreign = await StubApi.StartAsync((ctx, _) => WriteAsync(ctx, FullPage));
        using var transport = new MassiveTransport(StubTransport.Options(home.BaseUrl), StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetStreamedPageAsync(new Uri(foreign.BaseUrl, "/v2/x"), new BarStreamDecoder(new BarPage()), CancellationToken.None));

        // Then
        Assert.Equal(MassiveErrorKind.Protocol, ex.Kind);
        Assert.Equal(0, foreign.Count + home.Count);
    }

    [Fact]
    public async Task GetStreamedPageAsync_KeyInPageError_Redacted()
    {
        // Given: a wrong-typed value whose text would carry the key into the message
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, "{\"results\":\"" + StubTransport.Secret + "\"}"));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetStreamedPageAsync(transport.Resolve("/v2/x?apiKey=" + StubTransport.Secret), new BarStreamDecoder(new BarPage()), CancellationToken.None));

        // Then
        Assert.DoesNotContain(StubTransport.Secret, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(StubTransport.Secret, ex.Url ?? string.Empty, StringComparison.Ordinal);
    }
}
