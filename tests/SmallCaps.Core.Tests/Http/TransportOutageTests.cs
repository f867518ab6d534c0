using System.Net;
using System.Net.Sockets;
using SmallCaps.Core.Http;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Http;

public sealed class TransportOutageTests
{
    [Fact]
    public async Task GetPageAsync_OneTickerFailsWhileTheApiAnswers_FailsAfterItsRetriesInsteadOfPausingTheRun()
    {
        // Given: AFO always answers 500, the rest of the API answers (404 on the liveness path, as the simulator does);
        // its two windows alone are enough failures to open the circuit; the clock never moves (a full token bucket)
        var clock = new FakeTimeProvider();
        var afo = 0;
        await using var stub = await StubApi.StartAsync((ctx, _) =>
        {
            if (!ctx.Request.Path.StartsWithSegments("/v2/aggs/ticker/AFO", StringComparison.Ordinal))
            {
                return StubApi.JsonAsync(ctx, 404, """{"status":"NOT_FOUND"}""");
            }

            Interlocked.Increment(ref afo);
            return StubApi.JsonAsync(ctx, 500, """{"status":"ERROR","error":"Internal server error"}""");
        });
        var options = StubTransport.Options(stub.BaseUrl) with
        {
            RateBurst = 10_000,
            MaxRetries = 6,
            RetryBaseDelay = TimeSpan.Zero,
            RetryMaxDelay = TimeSpan.Zero,
            BreakerMinimumThroughput = 4,
            BreakerSamplingDuration = TimeSpan.FromSeconds(30),
            BreakerBreakDuration = TimeSpan.FromSeconds(15),
            BreakerMaxPause = TimeSpan.FromMinutes(10),
        };
        using var transport = new MassiveTransport(options, StubTransport.Key, clock);

        // When: before the fix both waited for the circuit on the (frozen) clock and never ended
        var calls = new[] { "/v2/aggs/ticker/AFO/range/1/minute/1/2", "/v2/aggs/ticker/AFO/range/1/minute/3/4" }
            .Select(path => Assert.ThrowsAsync<MassiveApiException>(() => transport.GetPageAsync(transport.Resolve(path), StubTransport.Text, CancellationToken.None)))
            .ToList();
        var errors = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(20));

        // Then: each fails as its own task (a 500, transient: asked again at the end of the run), not as an outage
        Assert.All(errors, ex => Assert.Equal((MassiveErrorKind.Server, 500, false), (ex.Kind, ex.StatusCode, ex.IsRunFatal)));
        Assert.Contains(stub.Requests, r => r.PathAndQuery.StartsWith(ApiLiveness.Path, StringComparison.Ordinal));
        Assert.InRange(Volatile.Read(ref afo), 2 * 7, 2 * 2 * 7);
    }

    [Fact]
    public async Task GetPageAsync_ConnectionRefused_EndsAsUnavailableOnceTheOutageBudgetIsSpent()
    {
        // Given: nothing listens on the port; the default retries, breaker and 10-minute budget, 8 workers, a fake clock
        var clock = new FakeTimeProvider();
        var options = new TransportOptions { BaseUrl = new Uri($"http://127.0.0.1:{ClosedPort()}/") };
        using var transport = new MassiveTransport(options, StubTransport.Key, clock);
        var calls = Enumerable.Range(0, 8)
            .Select(i => transport.GetPageAsync(transport.Resolve($"/v2/aggs/ticker/T{i}/range/1/day/a/b"), StubTransport.Text, CancellationToken.None))
            .ToList();

        // When: twelve minutes go by, a second at a time
        var elapsed = TimeSpan.Zero;
        while (!calls.TrueForAll(c => c.IsCompleted) && elapsed < TimeSpan.FromMinutes(12))
        {
            await Task.Delay(3);
            clock.Advance(TimeSpan.FromSeconds(1));
            elapsed += TimeSpan.FromSeconds(1);
        }

        // Then: every request gave up as an outage within the budget plus the retries before the circuit opened
        Assert.All(calls, c => Assert.True(c.IsCompleted, $"still waiting after {elapsed}"));
        var errors = await Task.WhenAll(calls.Select(c => Assert.ThrowsAsync<MassiveApiException>(() => c)));
        Assert.All(errors, ex => Assert.Equal(MassiveErrorKind.Unavailable, ex.Kind));
        Assert.InRange(elapsed, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(11.5));
        Assert.StartsWith("the API or the network stayed down for over 10 minutes (last: could not reach the API", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPageAsync_ServerAcceptsButNeverAnswers_EndsAsUnavailableLikeARefusedConnection()
    {
        // Given: a server that accepts every connection and never answers (a hung proxy, a half-open VPN); the default
        // 60 s request timeout, retries, breaker and 10-minute budget, 8 workers, a fake clock
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                accepted.Add(await listener.AcceptTcpClientAsync(stop.Token));
            }
        });
        var clock = new FakeTimeProvider();
        var options = new TransportOptions { BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/") };
        using var transport = new MassiveTransport(options, StubTransport.Key, clock);
        var calls = Enumerable.Range(0, 8)
            .Select(i => transport.GetPageAsync(transport.Resolve($"/v2/aggs/ticker/T{i}/range/1/day/a/b"), StubTransport.Text, CancellationToken.None))
            .ToList();

        // When: up to twenty minutes go by, a second at a time
        var elapsed = TimeSpan.Zero;
        while (!calls.TrueForAll(c => c.IsCompleted) && elapsed < TimeSpan.FromMinutes(20))
        {
            await Task.Delay(3);
            clock.Advance(TimeSpan.FromSeconds(1));
            elapsed += TimeSpan.FromSeconds(1);
        }

        // Then: the timeouts opened the breaker and every request gave up as an outage, so a run stops instead of
        // spending its retries on every task (7.5 minutes each)
        await stop.CancelAsync();
        Assert.All(calls, c => Assert.True(c.IsCompleted, $"still waiting after {elapsed}"));
        var errors = await Task.WhenAll(calls.Select(c => Assert.ThrowsAsync<MassiveApiException>(() => c)));
        Assert.All(errors, ex => Assert.Equal(MassiveErrorKind.Unavailable, ex.Kind));
        Assert.StartsWith("the API or the network stayed down for over 10 minutes", errors[0].Message, StringComparison.Ordinal);
        foreach (var client in accepted)
        {
            client.Dispose();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
