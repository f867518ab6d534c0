using System.Globalization;
using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Core.Tests.Http;

namespace SmallCaps.Core.Tests.Api;

public sealed class AggregatesClientTests
{
    private static readonly AggregatesQuery Query = new("BRK.A", BarTimespan.Minute, new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 31));

    private static string Bars(params long[] times) =>
        string.Join(",", times.Select(t => string.Create(CultureInfo.InvariantCulture, $$"""{"t":{{t}},"o":1,"h":2,"l":0.5,"c":1.5,"v":{{t}}}""")));

    [Fact]
    public async Task FetchAsync_ThreePages_FollowsNextUrlInOrderAndDropsRepeatedBars()
    {
        // Given: page 2 repeats the last bar of page 1; the cursor URL is followed unchanged
        StubApi? stub = null;
        stub = await StubApi.StartAsync((ctx, i) => StubApi.JsonAsync(ctx, 200, i switch
        {
            0 => $$"""{"ticker":"BRK.A","status":"OK","resultsCount":3,"results":[{{Bars(1000, 2000, 3000)}}],"next_url":"{{stub!.BaseUrl}}v2/aggs/ticker/BRK.A/range/1/minute/3001/1706745599999?cursor=YXA9MiZhcz0mbGltaXQ9NTAwMDA%3D"}""",
            1 => $$"""{"ticker":"BRK.A","status":"DELAYED","resultsCount":2,"results":[{{Bars(3000, 4000)}}],"next_url":"{{stub!.BaseUrl}}v2/aggs/ticker/BRK.A/range/1/minute/4001/1706745599999?cursor=b2"}""",
            _ => $$"""{"ticker":"BRK.A","status":"OK","resultsCount":1,"results":[{{Bars(5000)}}]}""",
        }));
        await using var _ = stub;
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);
        var client = new AggregatesClient(transport);
        var seen = new List<long>();

        // When
        var result = await client.FetchAsync(Query, (page, _) =>
        {
            seen.AddRange(page.Time.ToArray());
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        // Then
        Assert.Equal([1000L, 2000L, 3000L, 4000L, 5000L], seen);
        Assert.Equal(new AggregateResult(3, 5, 1, 1000, 5000, Delayed: true), result);
        var requests = stub.Requests;
        Assert.Equal("/v2/aggs/ticker/BRK.A/range/1/minute/1704171600000/1706763599999?adjusted=true&sort=asc&limit=50000", requests[0].PathAndQuery);
        Assert.Equal("/v2/aggs/ticker/BRK.A/range/1/minute/3001/1706745599999?cursor=YXA9MiZhcz0mbGltaXQ9NTAwMDA%3D", requests[1].PathAndQuery);
        Assert.All(requests, r => Assert.Equal("Bearer " + StubTransport.Secret, r.Authorization));
    }

    [Fact]
    public async Task FetchAsync_NullResults_NoPagesDeliveredAndZeroBars()
    {
        // Given
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, """{"ticker":"BRK.A","queryCount":0,"resultsCount":0,"adjusted":true,"results":null,"status":"OK","request_id":"x"}"""));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);
        var delivered = 0;

        // When
        var result = await new AggregatesClient(transport).FetchAsync(Query, (_, _) =>
        {
            delivered++;
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        // Then
        Assert.Equal(0, delivered);
        Assert.Equal(new AggregateResult(1, 0, 0, null, null, Delayed: false, EmptyPagesRechecked: 1), result);
    }

    [Fact]
    public async Task FetchAsync_NextUrlOnForeignHost_FailsAndNeverContactsIt()
    {
        // Given: two listeners; the home API names the other one in next_url
        await using var foreign = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, """{"results":[]}"""));
        await using var home = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, $$"""{"status":"OK","results":[{{Bars(1000)}}],"next_url":"{{foreign.BaseUrl}}v2/aggs/ticker/BRK.A/range/1/minute/1001/2?cursor=abc"}"""));
        using var transport = new MassiveTransport(StubTransport.Options(home.BaseUrl), StubTransport.Key);
        var delivered = 0;

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => new AggregatesClient(transport).FetchAsync(Query, (_, _) =>
        {
            delivered++;
            return ValueTask.CompletedTask;
        }, CancellationToken.None));

        // Then
        Assert.Equal(MassiveErrorKind.Protocol, ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.Contains(foreign.BaseUrl.Authority, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not sent", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, foreign.Count);
        Assert.Equal(1, home.Count);
        Assert.Equal(1, delivered);
    }

    [Fact]
    public async Task FetchAsync_PagingWithoutProgress_StopsWithProtocolError()
    {
        // Given: every page repeats the same bar and points to another cursor
        StubApi? stub = null;
        stub = await StubApi.StartAsync((ctx, i) => StubApi.JsonAsync(ctx, 200, $$"""{"status":"OK","results":[{{Bars(1000)}}],"next_url":"{{stub!.BaseUrl}}v2/next?cursor={{i}}"}"""));
        await using var _ = stub;
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var ex = await Assert.ThrowsAsync<MassiveApiException>(() => new AggregatesClient(transport).FetchAsync(Query, (_, _) => ValueTask.CompletedTask, CancellationToken.None));

        // Then
        Assert.Equal(MassiveErrorKind.Protocol, ex.Kind);
        Assert.Equal(11, stub.Count);
    }

    [Fact]
    public async Task FetchAsync_EmptyPageAfterNextUrlThenData_RecheckedOnceAndBarsKept()
    {
        // Given: the continuation page first comes back with "results": null (a glitch), then with its bars
        StubApi? stub = null;
        stub = await StubApi.StartAsync((ctx, i) => StubApi.JsonAsync(ctx, 200, i switch
        {
            0 => $$"""{"status":"OK","results":[{{Bars(1000)}}],"next_url":"{{stub!.BaseUrl}}v2/next?cursor=a"}""",
            1 => """{"status":"OK","resultsCount":0,"results":null}""",
            _ => $$"""{"status":"OK","results":[{{Bars(2000, 3000)}}]}""",
        }));
        await using var _ = stub;
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);
        var seen = new List<long>();

        // When
        var result = await new AggregatesClient(transport).FetchAsync(Query, (page, _) =>
        {
            seen.AddRange(page.Time.ToArray());
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        // Then
        Assert.Equal([1000L, 2000L, 3000L], seen);
        Assert.Equal(1, result.EmptyPagesRechecked);
        Assert.Equal(3, stub.Count);
        Assert.Equal(stub.Requests[1].PathAndQuery, stub.Requests[2].PathAndQuery);
    }

    [Fact]
    public async Task FetchAsync_EmptyFirstPageTwice_BelievedAfterOneRecheck()
    {
        // Given: a window with no bars (an empty window is settled for good, so it is asked twice)
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, """{"status":"OK","resultsCount":0}"""));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var result = await new AggregatesClient(transport).FetchAsync(Query, (_, _) => ValueTask.CompletedTask, CancellationToken.None);

        // Then
        Assert.Equal(0, result.Bars);
        Assert.Equal(1, result.EmptyPagesRechecked);
        Assert.Equal(2, stub.Count);
    }

    [Fact]
    public async Task FetchAsync_FirstPageNullResultsGlitchThenData_BarsKept()
    {
        // Given: the first answer is the "results": null glitch, the second the real page
        await using var stub = await StubApi.StartAsync((ctx, i) => StubApi.JsonAsync(ctx, 200, i == 0
            ? """{"status":"OK","resultsCount":0,"results":null}"""
            : $$"""{"status":"OK","results":[{{Bars(1000, 2000)}}]}"""));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);
        var seen = new List<long>();

        // When
        var result = await new AggregatesClient(transport).FetchAsync(Query, (page, _) =>
        {
            seen.AddRange(page.Time.ToArray());
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        // Then
        Assert.Equal([1000L, 2000L], seen);
        Assert.Equal(1, result.EmptyPagesRechecked);
        Assert.Equal(stub.Requests[0].PathAndQuery, stub.Requests[1].PathAndQuery);
    }

    [Fact]
    public async Task FetchAsync_EmptyLastPageTwice_BelievedAfterOneRecheck()
    {
        // Given
        StubApi? stub = null;
        stub = await StubApi.StartAsync((ctx, i) => StubApi.JsonAsync(ctx, 200, i == 0
            ? $$"""{"status":"OK","results":[{{Bars(1000)}}],"next_url":"{{stub!.BaseUrl}}v2/next?cursor=a"}"""
            : """{"status":"OK","results":[]}"""));
        await using var _ = stub;
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var result = await new AggregatesClient(transport).FetchAsync(Query, (_, _) => ValueTask.CompletedTask, CancellationToken.None);

        // Then
        Assert.Equal(1, result.Bars);
        Assert.Equal(1, result.EmptyPagesRechecked);
        Assert.Equal(3, stub.Count);
    }

    [Fact]
    public async Task FetchAsync_LongPage_HandedOnInBatchesMidBodyWithEveryBarInOrder()
    {
        // Given: one 20,000-bar page
        var body = LongPage(20_000);
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, body));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);
        var seen = new List<long>();
        var batches = new List<int>();

        // When
        var result = await new AggregatesClient(transport).FetchAsync(Query, (page, _) =>
        {
            batches.Add(page.Count);
            seen.AddRange(page.Time.ToArray());
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        // Then: batches of about 8,192 bars, never the whole page
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => 1000L + (i * 60_000L)), seen);
        Assert.True(batches.Count >= 3, string.Join(",", batches));
        Assert.True(batches.Max() < 16_384, string.Join(",", batches));
        Assert.Equal((1L, 20_000L, 0L), (result.Pages, result.Bars, result.DuplicatesDropped));
    }

    [Fact]
    public async Task FetchAsync_BodyCutAfterABatchWasHandedOn_RetryHandsOnEachBarOnce()
    {
        // Given: the first answer is cut after ~14,000 bars (one batch already handed on), the second is whole
        var body = System.Text.Encoding.UTF8.GetBytes(LongPage(20_000));
        await using var stub = await StubApi.StartAsync(async (ctx, i) =>
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength = body.Length;
            if (i == 0)
            {
                // Sent, then a pause so the client decodes and hands on a batch before the connection drops.
                await ctx.Response.Body.WriteAsync(body.AsMemory(0, body.Length * 7 / 10));
                await ctx.Response.Body.FlushAsync();
                await Task.Delay(500);
                ctx.Abort();
                return;
            }

            await ctx.Response.Body.WriteAsync(body);
        });
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);
        var seen = new List<long>();
        var handedOnDuringFirstAnswer = 0;

        // When
        var result = await new AggregatesClient(transport).FetchAsync(Query, (page, _) =>
        {
            handedOnDuringFirstAnswer += stub.Count == 1 ? page.Count : 0;
            seen.AddRange(page.Time.ToArray());
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        // Then: the bars re-read by the retry are dropped, not handed on twice, and are not vendor duplicates
        Assert.True(handedOnDuringFirstAnswer >= 8192, handedOnDuringFirstAnswer.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => 1000L + (i * 60_000L)), seen);
        Assert.Equal(2, stub.Count);
        Assert.Equal((20_000L, 0L), (result.Bars, result.DuplicatesDropped));
    }

    private static string LongPage(int bars) =>
        $$"""{"ticker":"BRK.A","status":"OK","resultsCount":{{bars}},"results":[{{Bars([.. Enumerable.Range(0, bars).Select(i => 1000L + (i * 60_000L))])}}]}""";
}
