using SmallCaps.Simulator.Market;

namespace SmallCaps.Simulator.Endpoints;

/// <summary><c>/v3/reference/dividends</c>: dividends declared by the as-of date; newest ex-date first by default; limit default 10, max 1000.</summary>
internal static class DividendsEndpoint
{
    public static void Handle(RequestContext ctx)
    {
        var q = ctx.Query;
        var limit = ctx.Limit(10, 1000);
        var rows = new List<(string Ticker, DividendEvent Dividend)>();
        foreach (var l in ctx.Market.Universe.Listings)
        {
            foreach (var d in l.Dividends)
            {
                if (d.DeclarationDate > ctx.Market.AsOf)
                {
                    continue;
                }

                var ticker = l.SymbolOn(d.ExDividendDate);
                if ((q["ticker"] is { } t && t != ticker) || !OffsetPage.DateMatches(ctx, "ex_dividend_date", d.ExDividendDate))
                {
                    continue;
                }

                rows.Add((ticker, d));
            }
        }

        var ascending = q["order"] == "asc";
        rows.Sort((a, b) =>
        {
            var c = a.Dividend.ExDividendDate.CompareTo(b.Dividend.ExDividendDate);
            c = ascending ? c : -c;
            return c != 0 ? c : string.CompareOrdinal(a.Ticker, b.Ticker) is var x && x != 0 ? x : string.CompareOrdinal(a.Dividend.Id, b.Dividend.Id);
        });
        var offset = OffsetPage.Offset(ctx);
        var end = Math.Min(rows.Count, offset + limit);
        var json = ctx.Json;
        json.WriteStartObject();
        json.WriteStartArray("results");
        for (var i = offset; i < end; i++)
        {
            var (ticker, d) = rows[i];
            json.WriteStartObject();
            json.WriteNumber("cash_amount", d.CashAmount);
            json.WriteString("declaration_date", ReferenceFormat.Date(d.DeclarationDate));
            json.WriteString("dividend_type", d.DividendType);
            json.WriteString("ex_dividend_date", ReferenceFormat.Date(d.ExDividendDate));
            json.WriteNumber("frequency", d.Frequency);
            json.WriteString("id", d.Id);
            json.WriteString("pay_date", ReferenceFormat.Date(d.PayDate));
            json.WriteString("record_date", ReferenceFormat.Date(d.RecordDate));
            json.WriteString("ticker", ticker);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("status", ctx.Status);
        ctx.WriteRequestId();
        if (end < rows.Count)
        {
            OffsetPage.WriteNext(ctx, "/v3/reference/dividends", end, limit);
        }

        json.WriteEndObject();
    }
}
