using System.Globalization;
using System.Net.Http.Headers;
using SmallCaps.Core.Api;
using SmallCaps.Simulator;

namespace SmallCaps.Bench.Api;

/// <summary>A real minute-bars page as the in-process simulator serves it (the vendor's row shapes), for decode benches.</summary>
internal static class VendorPage
{
    /// <summary>The body of the first page (up to <paramref name="bars"/> bars) of an old, active common stock's minute bars.</summary>
    public static async Task<byte[]> FetchAsync(int bars)
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 2000 });
        var ticker = sim.Truth.Tickers()
            .First(t => t.Type == "CS" && t.Active && t.PrimaryExchange is "XNAS" or "XNYS" && t.ListDate.Year < 2010)
            .Ticker;
        var path = new AggregatesQuery(ticker, BarTimespan.Minute, new DateOnly(2012, 1, 3), new DateOnly(2024, 12, 31)).PathAndQuery()
            .Replace("limit=50000", string.Create(CultureInfo.InvariantCulture, $"limit={bars}"), StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = sim.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sim.ApiKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decode-bars: vendor mix, simulator page of {ticker} minute bars"));
        return body;
    }
}
