using System.Net;
using System.Text.Json;
using SmallCaps.Simulator.Faults;
using SmallCaps.Simulator.Tests.Support;
using SmallCaps.TestSupport;

namespace SmallCaps.Simulator.Tests.Faults;

public sealed class FaultInjectionTests
{
    private const string Aggs = "/v2/aggs/ticker/AAPL/range/1/minute/2024-03-07/2024-03-08?limit=500";

    private static SimulatorOptions With(params string[] rules)
    {
        var o = SimulatorClient.SmallOptions();
        o.FaultRules.AddRange(rules.Select(FaultRule.Parse));
        return o;
    }

    [Fact]
    public async Task WrongOrMissingKey_Is401AndNotRetryableBody()
    {
        // Given a simulator
        await using var sim = await SimulatorClient.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = sim.Host.BaseUrl };

        // When the key is wrong or missing
        using var wrong = await anonymous.GetAsync(new Uri(Aggs + "&apiKey=nope", UriKind.Relative));
        using var missing = await anonymous.GetAsync(new Uri(Aggs, UriKind.Relative));
        using var query = await anonymous.GetAsync(new Uri(Aggs + "&apiKey=" + sim.Host.ApiKey, UriKind.Relative));

        // Then 401 (the right key in the query works too)
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(2, sim.Host.RequestLog.Unauthorized);
        Assert.DoesNotContain(sim.Host.RequestLog.Recent, r => r.Contains(sim.Host.ApiKey, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("429", 429, true)]
    [InlineData("429-no-retry-after", 429, false)]
    [InlineData("500", 500, false)]
    [InlineData("502", 502, false)]
    [InlineData("503", 503, false)]
    public async Task StatusFaultRule_OnSecondRequest_AnswersThatStatusOnce(string kind, int status, bool retryAfter)
    {
        // Given a rule faulting the 2nd aggregates request
        await using var sim = await SimulatorClient.StartAsync(With($"{kind}:/v2/aggs@2"));

        // When three requests are made
        var codes = new List<int>();
        var hadRetryAfter = false;
        for (var i = 0; i < 3; i++)
        {
            using var r = await sim.Http.GetAsync(new Uri(Aggs, UriKind.Relative));
            codes.Add((int)r.StatusCode);
            hadRetryAfter |= r.Headers.RetryAfter is not null;
        }

        // Then only the second fails, with or without Retry-After
        Assert.Equal(new[] { 200, status, 200 }, codes);
        Assert.Equal(retryAfter, hadRetryAfter);
        Assert.Equal(1, sim.Host.FaultLog.Total);
    }

    [Fact]
    public async Task ConnectionReset_AbortsMidBody()
    {
        // Given a reset on the first request
        await using var sim = await SimulatorClient.StartAsync(With("reset@1"));

        // When / Then reading the body fails, the next request succeeds
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => sim.Http.GetStringAsync(new Uri(Aggs, UriKind.Relative)));
        Assert.Equal(200, (await sim.GetAsync(Aggs)).Status);
        Assert.Equal(1, sim.Host.FaultLog.Count(FaultKind.ConnectionReset));
    }

    [Fact]
    public async Task TruncatedJson_Is200WithUnparseableBody()
    {
        // Given a truncation on the first request
        await using var sim = await SimulatorClient.StartAsync(With("truncate@1"));

        // When
        var (status, body, text) = await sim.GetAsync(Aggs);

        // Then the status is OK but the JSON is cut
        Assert.Equal(200, status);
        Assert.Null(body);
        Assert.StartsWith("{\"ticker\":\"AAPL\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NullResultsAndDelayed_ChangeTheBodyNotTheStatus()
    {
        // Given null results on request 1 and DELAYED on request 2
        await using var sim = await SimulatorClient.StartAsync(With("null-results@1", "delayed@2"));

        // When
        var first = (await sim.GetAsync(Aggs)).Body!.RootElement;
        var second = (await sim.GetAsync(Aggs)).Body!.RootElement;

        // Then
        Assert.Equal(JsonValueKind.Null, first.GetProperty("results").ValueKind);
        Assert.Equal("DELAYED", second.GetProperty("status").GetString());
        Assert.Equal(500, second.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task ForeignNextUrl_ClientThatForwardsTheKey_IsCounted()
    {
        // Given next_url pointing at the foreign host
        await using var sim = await SimulatorClient.StartAsync(With("foreign-next-url@1"));
        var page = (await sim.GetAsync(Aggs)).Body!.RootElement;
        var next = new Uri(page.GetProperty("next_url").GetString()!);
        Assert.Equal(sim.Host.ForeignBaseUrl.Port, next.Port);

        // When a careful client follows it without the key and a careless one with it
        using var bare = new HttpClient();
        using var keyless = await bare.GetAsync(next);
        using var leaky = await sim.Http.GetAsync(next);

        // Then both get data, and only the leak is counted
        Assert.Equal(HttpStatusCode.OK, keyless.StatusCode);
        Assert.Equal(2, sim.Host.RequestLog.ForeignHostRequests);
        Assert.Equal(1, sim.Host.RequestLog.ForeignHostRequestsWithKey);
    }

    [Fact]
    public async Task RepeatedBar_NextPageStartsWithTheSameBar()
    {
        // Given a repeat-bar fault on the first page
        await using var sim = await SimulatorClient.StartAsync(With("repeat-bar@1"));

        // When two pages are read
        var pages = await sim.GetAllPagesAsync(Aggs, maxPages: 2);

        // Then the last bar of page 1 is the first of page 2, identical
        var last = pages[0].GetProperty("results").EnumerateArray().Last().GetRawText();
        var first = pages[1].GetProperty("results")[0].GetRawText();
        Assert.Equal(last, first);
    }

    [Fact]
    public async Task RateLimit_TokenBucketOnFakeClock_RefusesThenRecovers()
    {
        // Given 2 requests/second with burst 2 on a fake clock
        var clock = new FakeTimeProvider();
        var o = SimulatorClient.SmallOptions();
        o.RateLimitPerSecond = 2;
        o.RateLimitBurst = 2;
        o.TimeProvider = clock;
        await using var sim = await SimulatorClient.StartAsync(o);

        // When 3 requests arrive at once, then one after half a second
        var codes = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await sim.GetAsync("/v3/reference/tickers/types")).Status);
        }

        clock.Advance(TimeSpan.FromMilliseconds(500));
        codes.Add((await sim.GetAsync("/v3/reference/tickers/types")).Status);

        // Then the third is refused with 429 and the bucket refills
        Assert.Equal(new[] { 200, 200, 429, 200 }, codes);
        Assert.Equal(1, sim.Host.RequestLog.RateLimited);
    }

    [Fact]
    public async Task ChaosRates_AreSeededAndReproducible()
    {
        // Given two simulators with the same seed and the chaos preset
        var statuses = new List<List<int>>();
        for (var run = 0; run < 2; run++)
        {
            var o = SimulatorClient.SmallOptions();
            o.Chaos = true;
            o.FaultRates[FaultKind.Slow] = 0;
            await using var sim = await SimulatorClient.StartAsync(o);
            var codes = new List<int>();
            for (var i = 0; i < 60; i++)
            {
                try
                {
                    codes.Add((await sim.GetAsync("/v3/reference/tickers/types")).Status);
                }
                catch (HttpRequestException)
                {
                    codes.Add(-1);
                }
            }

            statuses.Add(codes);
        }

        // When / Then the same requests fail the same way, and some do fail
        Assert.Equal(statuses[0], statuses[1]);
        Assert.Contains(statuses[0], c => c != 200);
        Assert.Contains(statuses[0], c => c == 200);
    }

    [Fact]
    public async Task PlanLimits_Answer403NotAuthorized()
    {
        // Given a plan without quotes and trades, and minute history from 2020
        var o = SimulatorClient.SmallOptions();
        o.TradesEntitled = false;
        o.QuotesEntitled = false;
        o.MinuteHistoryFrom = new NodaTime.LocalDate(2020, 1, 1);
        await using var sim = await SimulatorClient.StartAsync(o);

        // When
        var trades = await sim.GetAsync("/v3/trades/AAPL");
        var quotes = await sim.GetAsync("/v3/quotes/AAPL");
        var oldMinutes = await sim.GetAsync("/v2/aggs/ticker/AAPL/range/1/minute/2019-06-03/2019-06-04");
        var newMinutes = await sim.GetAsync("/v2/aggs/ticker/AAPL/range/1/minute/2021-06-03/2021-06-04");
        var oldDays = await sim.GetAsync("/v2/aggs/ticker/AAPL/range/1/day/2010-06-03/2010-06-04");

        // Then
        foreach (var r in new[] { trades, quotes, oldMinutes })
        {
            Assert.Equal(403, r.Status);
            Assert.Equal("NOT_AUTHORIZED", r.Body!.RootElement.GetProperty("status").GetString());
            Assert.True(r.Body.RootElement.TryGetProperty("message", out _));
        }

        Assert.Equal(200, newMinutes.Status);
        Assert.Equal(200, oldDays.Status);
    }
}
