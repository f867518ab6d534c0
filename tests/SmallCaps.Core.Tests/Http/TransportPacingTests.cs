using SmallCaps.Core.Http;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Http;

public sealed class TransportPacingTests
{
    private const string Ok = """{"status":"OK"}""";

    // Waits (bounded) for something that another thread makes true; the clock itself is fake.
    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task GetPageAsync_ConcurrentCallers_ShareOneTokenBucket()
    {
        // Given: 1 request per second on a fake clock, three callers at once
        var clock = new FakeTimeProvider();
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, Ok));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl) with { MaxRequestsPerSecond = 1 }, StubTransport.Key, clock);

        // When
        var calls = Enumerable.Range(0, 3).Select(_ => transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None)).ToList();

        // Then: one goes now, the others one per (fake) second
        await Eventually(() => stub.Count == 1 && transport.Gate.Snapshot().Waiting == 2, "first request");
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(2, transport.Gate.Snapshot().Waiting);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually(() => stub.Count == 2, "second request");
        Assert.Equal(1, transport.Gate.Snapshot().Waiting);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(calls);
        Assert.Equal(3, stub.Count);
    }

    [Fact]
    public async Task GetPageAsync_RetryAfterFromServer_PausesOtherCallersToo()
    {
        // Given: the first answer is a 429 asking for 30 s
        var clock = new FakeTimeProvider();
        await using var stub = await StubApi.StartAsync(async (ctx, i) =>
        {
            if (i == 0)
            {
                ctx.Response.Headers.RetryAfter = "30";
                await StubApi.JsonAsync(ctx, 429, "{}");
                return;
            }

            await StubApi.JsonAsync(ctx, 200, Ok);
        });
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl) with { MaxRequestsPerSecond = 10, MaxWorkers = 2 }, StubTransport.Key, clock);
        var first = transport.GetPageAsync(transport.Resolve("/v2/a"), StubTransport.Text, CancellationToken.None);
        await Eventually(() => transport.Metrics.RateLimited == 1 && transport.Gate.Snapshot().Waiting == 1, "the 429 and the retry queued");

        // When: another caller arrives during the pause
        var second = transport.GetPageAsync(transport.Resolve("/v2/b"), StubTransport.Text, CancellationToken.None);
        await Eventually(() => transport.Gate.Snapshot().Waiting == 2, "second caller queued");
        clock.Advance(TimeSpan.FromSeconds(29));

        // Then: nobody was sent during the pause; both go after it, at the halved rate
        Assert.Equal(1, stub.Count);
        Assert.Equal(5, transport.Gate.Snapshot().CurrentRate, 9);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually(() => stub.Count == 2, "probe after the pause");
        clock.Advance(TimeSpan.FromMilliseconds(200));
        await Task.WhenAll(first, second);
        Assert.Equal(3, stub.Count);
    }

    [Fact]
    public async Task GetPageAsync_NoRetriesConfigured_OneAttemptOnly()
    {
        // Given
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 502, "<html>bad gateway</html>"));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl) with { MaxRetries = 0 }, StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None));

        // Then
        Assert.Equal(MassiveErrorKind.Server, ex.Kind);
        Assert.Null(ex.VendorMessage);
        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public async Task GetPageAsync_WellFormedPageOfWrongShape_NotRetried()
    {
        // Given
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, """{"results":[{"t":1}]}"""));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(transport.Resolve("/v2/x"), body => SmallCaps.Core.Api.BarPageDecoder.Decode(body, new SmallCaps.Core.Api.BarPage()), CancellationToken.None));

        // Then
        Assert.Equal(MassiveErrorKind.Protocol, ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public async Task GetPageAsync_CallerCancels_StopsWithoutCountingAFailure()
    {
        // Given
        var clock = new FakeTimeProvider();
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, Ok));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl) with { MaxRequestsPerSecond = 1 }, StubTransport.Key, clock);
        await transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var waiting = transport.GetPageAsync(transport.Resolve("/v2/x"), StubTransport.Text, cts.Token);
        await Eventually(() => transport.Gate.Snapshot().Waiting == 1, "queued");

        // When
        await cts.CancelAsync();

        // Then
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, stub.Count);
        Assert.Equal(0, transport.Metrics.Failures);
        Assert.Equal(0, transport.Metrics.InFlight);
    }
}
