using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Http;
using SmallCaps.Core.Tests.Http;

namespace SmallCaps.Core.Tests.Api.Reference;

public sealed class ReferenceClientTests
{
    private const string Split = """{"ticker":"AAA","execution_date":"2020-06-01","split_from":1,"split_to":4,"id":"s1"}""";

    [Fact]
    public async Task ListSplitsAsync_NullResultsThenASplit_AsksAgainAndReturnsIt()
    {
        // Given: a passing "results": null glitch, then the real answer
        await using var stub = await StubApi.StartAsync((ctx, i) => StubApi.JsonAsync(ctx, 200, i == 0
            ? """{"results":null,"status":"OK","request_id":"a"}"""
            : $$"""{"results":[{{Split}}],"status":"OK","request_id":"b"}"""));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var splits = await new ReferenceClient(transport).ListSplitsAsync("AAA", CancellationToken.None);

        // Then
        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal("AAA", Assert.Single(splits).Ticker);
    }

    [Fact]
    public async Task ListSplitsAsync_EmptyList_BelievedWithoutAskingAgain()
    {
        // Given: most tickers have no split; asking each twice would double the corporate actions' requests
        await using var stub = await StubApi.StartAsync((ctx, _) => StubApi.JsonAsync(ctx, 200, """{"results":[],"status":"OK","request_id":"a"}"""));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var splits = await new ReferenceClient(transport).ListSplitsAsync("AAA", CancellationToken.None);

        // Then
        Assert.Empty(splits);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task GetTickerEventsAsync_NullResultsThenTheEvents_AsksAgainAndReturnsThem()
    {
        // Given: a passing "results": null glitch, then the security's ticker changes
        await using var stub = await StubApi.StartAsync((ctx, i) => StubApi.JsonAsync(ctx, 200, i == 0
            ? """{"results":null,"status":"OK","request_id":"a"}"""
            : """{"results":{"name":"Meta Platforms","composite_figi":"BBG000MM2P62","events":[{"ticker_change":{"ticker":"META"},"type":"ticker_change","date":"2022-06-09"},{"ticker_change":{"ticker":"FB"},"type":"ticker_change","date":"2012-05-18"}]},"status":"OK","request_id":"b"}"""));
        using var transport = new MassiveTransport(StubTransport.Options(stub.BaseUrl), StubTransport.Key);

        // When
        var events = await new ReferenceClient(transport).GetTickerEventsAsync("META", CancellationToken.None);

        // Then
        Assert.Equal(2, stub.Requests.Count);
        Assert.NotNull(events);
        Assert.Equal("BBG000MM2P62", events.CompositeFigi);
        Assert.Equal(2, events.Changes.Count);
    }
}
