namespace SmallCaps.Core.Api;

/// <summary>One bar stream to fetch: a ticker's bars of one size between two dates (inclusive, New York sessions).</summary>
/// <param name="Ticker">The symbol as the vendor spells it (class shares with a dot: <c>BRK.A</c>).</param>
/// <param name="Timespan">Minute or day bars.</param>
/// <param name="From">First date.</param>
/// <param name="To">Last date.</param>
/// <param name="Adjusted">Split-adjusted (the vendor's default) or raw.</param>
public sealed record AggregatesQuery(string Ticker, BarTimespan Timespan, DateOnly From, DateOnly To, bool Adjusted = true)
{
    /// <summary>The request path and query: <c>/v2/aggs/ticker/{T}/range/1/{minute|day}/{from}/{to}?adjusted=..&amp;sort=asc&amp;limit=50000</c>.</summary>
    public string PathAndQuery()
    {
        if (string.IsNullOrWhiteSpace(Ticker))
        {
            throw new ArgumentException("The ticker is empty.", nameof(Ticker));
        }

        if (From > To)
        {
            throw new ArgumentException($"The range {From:yyyy-MM-dd}..{To:yyyy-MM-dd} is reversed.", nameof(From));
        }

        var span = Timespan == BarTimespan.Minute ? "minute" : "day";
        var adjusted = Adjusted ? "true" : "false";

        // limit=50000 always: the default (5000) silently truncates.
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"/v2/aggs/ticker/{Uri.EscapeDataString(Ticker)}/range/1/{span}/{From:yyyy-MM-dd}/{To:yyyy-MM-dd}?adjusted={adjusted}&sort=asc&limit=50000");
    }
}
