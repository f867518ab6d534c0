using NodaTime;
using SmallCaps.Core.Calendar;

namespace SmallCaps.Core.Api;

/// <summary>One bar stream to fetch: a ticker's bars of one size between two dates (inclusive, New York sessions).</summary>
/// <param name="Ticker">The symbol as the vendor spells it (class shares with a dot: <c>BRK.A</c>).</param>
/// <param name="Timespan">Minute or day bars.</param>
/// <param name="From">First date.</param>
/// <param name="To">Last date.</param>
/// <param name="Adjusted">Split-adjusted (the vendor's default) or raw.</param>
public sealed record AggregatesQuery(string Ticker, BarTimespan Timespan, DateOnly From, DateOnly To, bool Adjusted = true)
{
    /// <summary>The request path and query: <c>/v2/aggs/ticker/{T}/range/1/{minute|day}/{from}/{to}?adjusted=..&amp;sort=asc&amp;limit=50000</c> (minute bounds in Unix ms).</summary>
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

        var adjusted = Adjusted ? "true" : "false";
        var c = System.Globalization.CultureInfo.InvariantCulture;

        // Minute bounds go as Unix ms of the New York days: a bare date could be read as a UTC day by the vendor,
        // which would drop the last evening hours of the window. Day bars are named by their date already.
        var (span, from, to) = Timespan == BarTimespan.Minute
            ? ("minute", NewYorkTime.StartOfDayUnixMilliseconds(LocalDate.FromDateOnly(From)).ToString(c), (NewYorkTime.StartOfDayUnixMilliseconds(LocalDate.FromDateOnly(To).PlusDays(1)) - 1).ToString(c))
            : ("day", From.ToString("yyyy-MM-dd", c), To.ToString("yyyy-MM-dd", c));

        // limit=50000 always: the default (5000) silently truncates.
        return string.Create(c, $"/v2/aggs/ticker/{Uri.EscapeDataString(Ticker)}/range/1/{span}/{from}/{to}?adjusted={adjusted}&sort=asc&limit=50000");
    }
}
