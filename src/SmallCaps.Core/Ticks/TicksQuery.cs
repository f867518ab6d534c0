using System.Globalization;

namespace SmallCaps.Core.Ticks;

/// <summary>One window of ticks: <c>/v3/{trades|quotes}/{T}?timestamp.gte=S&amp;timestamp.lt=E&amp;order=asc&amp;sort=timestamp&amp;limit=50000</c>.</summary>
/// <param name="Ticker">Vendor ticker.</param>
/// <param name="Kind">Trades or quotes.</param>
/// <param name="StartNs">Window start, Unix ns (inclusive).</param>
/// <param name="EndNs">Window end, Unix ns (exclusive).</param>
public sealed record TicksQuery(string Ticker, TickKind Kind, long StartNs, long EndNs)
{
    /// <summary>Largest page the vendor serves.</summary>
    public const int PageLimit = 50_000;

    /// <summary>Path and query of the first page.</summary>
    public string PathAndQuery() => string.Create(
        CultureInfo.InvariantCulture,
        $"/v3/{(Kind == TickKind.Trades ? "trades" : "quotes")}/{Uri.EscapeDataString(Ticker)}?timestamp.gte={StartNs}&timestamp.lt={EndNs}&order=asc&sort=timestamp&limit={PageLimit}");
}
