using System.Globalization;
using System.Text;
using NodaTime;

namespace SmallCaps.Core.Api.Reference;

/// <summary>A <c>/v3/reference/tickers</c> query: one active flag, optional type/exchange/date, market stocks, 1000 per page.</summary>
internal sealed record TickerListQuery(bool Active, string? Type = null, string? Exchange = null, LocalDate? Date = null, string Market = "stocks")
{
    /// <summary>Largest page the vendor serves for this endpoint.</summary>
    public const int PageLimit = 1000;

    public string PathAndQuery()
    {
        var q = new StringBuilder("/v3/reference/tickers?market=").Append(Uri.EscapeDataString(Market));
        if (Type is not null)
        {
            q.Append("&type=").Append(Uri.EscapeDataString(Type));
        }

        if (Exchange is not null)
        {
            q.Append("&exchange=").Append(Uri.EscapeDataString(Exchange));
        }

        q.Append("&active=").Append(Active ? "true" : "false");
        if (Date is { } d)
        {
            q.Append("&date=").Append(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return q.Append("&order=asc&sort=ticker&limit=").Append(PageLimit.ToString(CultureInfo.InvariantCulture)).ToString();
    }
}
