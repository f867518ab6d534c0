using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using SmallCaps.Core.Http;

namespace SmallCaps.Core.Tests.Http;

public sealed class MassiveTransportTests
{
    private const string Ok = """{"status":"OK","results":[]}""";

    [Fact]
    public async Task GetPageAsync_ServerErrorThenSuccess_RetriedAndReturned()
    {
        // Given
        await using var stub = await StubApi.StartAsync((ctx, i) => StubApi.JsonAsync(ctx, i == 0 ? 503 : 200, i == 0 ? """{"status":"ERROR","error":"busy"}""" : Ok));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var body = await transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None);

        // Then
        Assert.Equal(Ok, body);
        Assert.Equal(2, stub.Count);
        var metrics = transport.Metrics;
        Assert.Equal(2, metrics.Requests);
        Assert.Equal(1, metrics.Retries);
        Assert.Equal(1, metrics.Pages);
        Assert.Equal(0, metrics.Failures);
    }

    [Fact]
    public async Task GetPageAsync_ServerErrorsForever_FailsAfterBoundedAttempts()
    {
        // Given
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 500, """{"status":"ERROR","request_id":"req-9","error":"Internal"}"""));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl) with { MaxRetries = 3 }, StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None));

        // Then
        Assert.Equal(MassiveErrorKind.Server, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Equal(500, ex.StatusCode);
        Assert.Equal("Internal", ex.VendorMessage);
        Assert.Equal("req-9", ex.RequestId);
        Assert.Equal(4, stub.Count);
        Assert.Equal(3, transport.Metrics.Retries);
        Assert.Equal(1, transport.Metrics.Failures);
    }

    [Theory]
    [InlineData(401, MassiveErrorKind.Unauthorized, """{"status":"ERROR","request_id":"a","error":"Unknown API Key"}""", "Unknown API Key")]
    [InlineData(403, MassiveErrorKind.NotEntitled, """{"status":"NOT_AUTHORIZED","request_id":"b","message":"You are not entitled to this data. Please upgrade your plan."}""", "You are not entitled to this data. Please upgrade your plan.")]
    [InlineData(404, MassiveErrorKind.NotFound, """{"status":"NOT_FOUND","request_id":"c","message":"Ticker not found."}""", "Ticker not found.")]
    [InlineData(400, MassiveErrorKind.BadRequest, """{"status":"ERROR","request_id":"d","error":"Could not parse the time parameter."}""", "Could not parse the time parameter.")]
    public async Task GetPageAsync_ClientError_NotRetriedAndTyped(int status, MassiveErrorKind kind, string body, string vendorMessage)
    {
        // Given
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, status, body));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(transport.Resolve("/v2/aggs/ticker/ZZZZ/range/1/day/2020-01-01/2020-01-02"), StubTransport.Text, CancellationToken.None));

        // Then
        Assert.Equal(kind, ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.Equal(status == 401, ex.IsRunFatal);
        Assert.Equal(vendorMessage, ex.VendorMessage);
        Assert.Contains(vendorMessage, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(1, stub.Count);
        Assert.Equal(0, transport.Metrics.Retries);
        Assert.Equal(status is 403 or 404 ? 0 : 1, transport.Metrics.Failures);   // 404/403 settle a task, they are not failures
    }

    [Fact]
    public async Task GetPageAsync_KeyRejectedForThreeWorkers_LoggedOnce()
    {
        // Given: three requests in flight when the key is rejected
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 401, """{"status":"ERROR","request_id":"a","error":"Unknown API Key"}"""));
        var capture = new LogCapture();
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl) with { MaxWorkers = 3 }, StubTransport.Key, log: capture.Logger);

        // When
        var requests = Enumerable.Range(0, 3).Select(_ => Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None)));
        await Task.WhenAll(requests);

        // Then
        Assert.Equal(3, stub.Count);
        Assert.Single(capture.Lines, l => l.Contains("HTTP 401", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetPageAsync_TruncatedJsonBody_Retried()
    {
        // Given
        await using var stub = await StubApi.StartAsync((ctx, i) => StubApi.JsonAsync(ctx, 200, i == 0 ? """{"status":"OK","results":[{"t":1,""" : Ok));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var page = await transport.GetPageAsync(transport.Resolve("/v2/x"), body => SmallCaps.Core.Api.BarPageDecoder.Decode(body, new SmallCaps.Core.Api.BarPage()), CancellationToken.None);

        // Then
        Assert.Equal("OK", page.Envelope.Status);
        Assert.Equal(2, stub.Count);
        Assert.Equal(1, transport.Metrics.Retries);
    }

    [Fact]
    public async Task GetPageAsync_ConnectionCutMidBody_RetriedAsNetworkFailure()
    {
        // Given
        await using var stub = await StubApi.StartAsync(async (ctx, i) =>
        {
            if (i == 0)
            {
                ctx.Response.ContentLength = 1000;
                await ctx.Response.WriteAsync("""{"status":"OK","res""");
                await ctx.Response.Body.FlushAsync();
                ctx.Abort();
                return;
            }

            await StubApi.JsonAsync(ctx, 200, Ok);
        });
        var log = new LogCapture();
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key, log: log.Logger);

        // When
        var body = await transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None);

        // Then
        Assert.Equal(Ok, body);
        Assert.Equal(2, stub.Count);
        Assert.Contains(log.Lines, l => l.Contains("Network", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetPageAsync_SlowAnswer_TimesOutAndRetries()
    {
        // Given
        await using var stub = await StubApi.StartAsync(async (ctx, i) =>
        {
            if (i == 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await StubApi.JsonAsync(ctx, 200, Ok);
        });
        // 1 s leaves room for the fast answer on a loaded CI machine; the slow one takes 5 s.
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl) with { RequestTimeout = TimeSpan.FromSeconds(1) }, StubTransport.Key);

        // When
        var body = await transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None);

        // Then
        Assert.Equal(Ok, body);
        Assert.InRange(transport.Metrics.Retries, 1, 3);
        Assert.Equal(transport.Metrics.Retries + 1, stub.Count);
    }

    [Fact]
    public async Task GetPageAsync_TooManyRequests_SlowsTheRunAndRetriesWithoutUsingRetryBudget()
    {
        // Given
        await using var stub = await StubApi.StartAsync(async (ctx, i) =>
        {
            if (i < 2)
            {
                ctx.Response.Headers.RetryAfter = "0";
                await StubApi.JsonAsync(ctx, 429, """{"status":"ERROR","error":"Too many requests"}""");
                return;
            }

            await StubApi.JsonAsync(ctx, 200, Ok);
        });
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl) with { MaxRetries = 0 }, StubTransport.Key);

        // When
        var body = await transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None);

        // Then
        Assert.Equal(Ok, body);
        var metrics = transport.Metrics;
        Assert.Equal(2, metrics.RateLimited);
        Assert.Equal(2, metrics.Rate.Throttles);
        Assert.True(metrics.Rate.CurrentRate <= 500, $"rate {metrics.Rate.CurrentRate}");
    }

    [Fact]
    public async Task GetPageAsync_TooManyRequestsForever_FailsAfterBound()
    {
        // Given
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 429, "{}"));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl) with { MaxRateLimitRetries = 3, RateLimitPause = TimeSpan.Zero }, StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None));

        // Then
        Assert.Equal(MassiveErrorKind.RateLimited, ex.Kind);
        Assert.Equal(4, stub.Count);
    }

    [Fact]
    public async Task GetPageAsync_OutageStorm_CircuitOpensPausesWorkersAndResumes()
    {
        // Given: the first 4 requests fail; 4 workers start together
        await using var stub = await StubApi.StartAsync((ctx, i) => StubApi.JsonAsync(ctx, i < 4 ? 503 : 200, i < 4 ? "{}" : Ok));
        var options = StubTransport.Options(stub.BaseUrl) with
        {
            MaxRetries = 5,
            BreakerMinimumThroughput = 4,
            BreakerFailureRatio = 0.5,
            BreakerSamplingDuration = TimeSpan.FromSeconds(5),
            BreakerBreakDuration = TimeSpan.FromMilliseconds(500),
        };
        using var transport = new MassiveTransport(options, StubTransport.Key);
        using var start = new Barrier(4);

        // When
        var bodies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None))));

        // Then: everyone finished, the breaker opened once, and nobody hammered the server while it was open
        Assert.All(bodies, b => Assert.Equal(Ok, b));
        var metrics = transport.Metrics;
        Assert.Equal(1, metrics.CircuitOpenings);
        Assert.False(metrics.CircuitOpen);
        Assert.InRange(stub.Count, 8, 9);
    }

    [Fact]
    public async Task GetPageAsync_OutageBudgetZero_FailsFastAsUnavailable()
    {
        // Given
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 503, "{}"));
        var options = StubTransport.Options(stub.BaseUrl) with
        {
            MaxRetries = 5,
            BreakerMinimumThroughput = 2,
            BreakerBreakDuration = TimeSpan.FromMilliseconds(500),
            BreakerMaxPause = TimeSpan.Zero,
        };
        using var transport = new MassiveTransport(options, StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None));

        // Then
        Assert.Equal(MassiveErrorKind.Unavailable, ex.Kind);
        Assert.True(ex.IsRunFatal);
        Assert.Contains("stayed down", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, stub.Requests.Count(r => r.PathAndQuery == "/v2/x"));
        Assert.Equal(1, stub.Requests.Count(r => r.PathAndQuery == ApiLiveness.Path));
        Assert.True(transport.Metrics.CircuitOpen);
    }

    [Fact]
    public async Task GetPageAsync_LongOutage_WaitsOnFakeClockProbingRarelyThenUnavailable()
    {
        // Given: the API is down for good; a 60 s outage budget and 15 s between probes, on a fake clock
        var clock = new SmallCaps.TestSupport.FakeTimeProvider();
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 503, "{}"));
        var options = StubTransport.Options(stub.BaseUrl) with
        {
            MaxRetries = 1,
            RetryBaseDelay = TimeSpan.Zero,
            BreakerMinimumThroughput = 2,
            BreakerSamplingDuration = TimeSpan.FromSeconds(30),
            BreakerBreakDuration = TimeSpan.FromSeconds(15),
            BreakerMaxPause = TimeSpan.FromSeconds(60),
        };
        using var transport = new MassiveTransport(options, StubTransport.Key, clock);

        // When
        var call = transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None);
        for (var second = 0; second < 59; second++)
        {
            await Task.Delay(10);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Then: still waiting inside the budget, having probed about once per break (and asked the liveness path as rarely)
        await Task.Delay(50);
        Assert.False(call.IsCompleted);
        Assert.InRange(stub.Requests.Count(r => r.PathAndQuery == "/v2/x"), 3, 7);
        Assert.InRange(stub.Requests.Count(r => r.PathAndQuery == ApiLiveness.Path), 1, 5);
        for (var second = 0; second < 30 && !call.IsCompleted; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => call);
        Assert.Equal(MassiveErrorKind.Unavailable, ex.Kind);
        Assert.InRange(stub.Requests.Count(r => r.PathAndQuery == "/v2/x"), 3, 9);
    }

    [Fact]
    public async Task GetPageAsync_GzipBody_Decompressed()
    {
        // Given
        await using var stub = await StubApi.StartAsync(async (ctx, _) =>
        {
            using var buffer = new MemoryStream();
            await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                await gzip.WriteAsync(Encoding.UTF8.GetBytes(Ok));
            }

            ctx.Response.Headers.ContentEncoding = "gzip";
            ctx.Response.ContentType = "application/json";
            await ctx.Response.Body.WriteAsync(buffer.ToArray());
        });
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var body = await transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None);

        // Then
        Assert.Equal(Ok, body);
        Assert.Contains("gzip", stub.Requests[0].AcceptEncoding, StringComparison.Ordinal);
        Assert.Contains("br", stub.Requests[0].AcceptEncoding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPageAsync_BodyOverLimit_ProtocolErrorNotRetried()
    {
        // Given
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, "{\"pad\":\"" + new string('x', 5000) + "\"}"));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl) with { MaxResponseBytes = 1024 }, StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None));

        // Then
        Assert.Equal(MassiveErrorKind.Protocol, ex.Kind);
        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public async Task GetPageAsync_ManyConcurrentCallers_InFlightNeverExceedsMaxWorkers()
    {
        // Given
        var current = 0;
        var peak = 0;
        await using var stub = await StubApi.StartAsync(async (ctx, _) =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref peak, now);
            await Task.Delay(20);
            Interlocked.Decrement(ref current);
            await StubApi.JsonAsync(ctx, 200, Ok);
        });
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl) with { MaxWorkers = 3 }, StubTransport.Key);

        // When
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None)));

        // Then
        Assert.Equal(12, stub.Count);
        Assert.InRange(peak, 1, 3);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
