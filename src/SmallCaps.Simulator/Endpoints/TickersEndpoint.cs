using System.Globalization;
using NodaTime;
using SmallCaps.Simulator.Market;
using SmallCaps.Simulator.Paging;

namespace SmallCaps.Simulator.Endpoints;

/// <summary>
/// <c>/v3/reference/tickers</c>: filters type, market, exchange, active (default true), date (default as-of),
/// ticker, search; sorted by ticker; limit default 100, max 1000; the cursor carries a page_marker.
/// </summary>
internal static class TickersEndpoint
{
    public static void Handle(RequestContext ctx)
    {
        var q = ctx.Query;
        var date = QueryValues.OptionalDate(q["date"], "date") ?? ctx.Market.AsOf;
        if (date > ctx.Market.AsOf)
        {
            date = ctx.Market.AsOf;
        }

        var active = QueryValues.Bool(q["active"], true, "active");
        var limit = ctx.Limit(100, 1000);
        var descending = (q["order"] ?? "asc") == "desc";
        if (q["sort"] is { } sort && sort != "ticker")
        {
            throw new BadRequestException($"Invalid sort '{sort}': the simulator sorts by ticker.");
        }

        var rows = new List<(string Symbol, Listing Listing)>();
        foreach (var l in ctx.Market.Universe.Listings)
        {
            if (l.ListDate > date || l.IsListedOn(date) != active)
            {
                continue;
            }

            var symbol = ReferenceFormat.SymbolShown(l, date);
            if ((q["type"] is { } type && type != l.Type)
                || (q["market"] is { } market && market != l.Market)
                || (q["exchange"] is { } exchange && exchange != l.PrimaryExchange)
                || (q["ticker"] is { } ticker && ticker != symbol)
                || (q["search"] is { } search && !symbol.Contains(search, StringComparison.OrdinalIgnoreCase) && !l.Name.Contains(search, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            rows.Add((symbol, l));
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.Symbol, b.Symbol) is var c && c != 0 ? c : a.Listing.Id.CompareTo(b.Listing.Id));
        if (descending)
        {
            rows.Reverse();
        }

        var start = 0;
        if (q["page_marker"] is { } marker)
        {
            // Our markers are "SYMBOL|id"; a vendor marker ("AA|<hash>") resumes after its symbol.
            var bar = marker.LastIndexOf('|');
            var symbol = bar >= 0 ? marker[..bar] : marker;
            var id = bar >= 0 && int.TryParse(marker[(bar + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1;
            start = rows.FindIndex(r => r.Listing.Id == id) + 1;
            if (start == 0)
            {
                start = rows.FindIndex(r => descending ? string.CompareOrdinal(r.Symbol, symbol) < 0 : string.CompareOrdinal(r.Symbol, symbol) > 0);
                start = start < 0 ? rows.Count : start;
            }
        }

        var end = Math.Min(rows.Count, start + limit);
        var json = ctx.Json;
        json.WriteStartObject();
        if (ctx.NullResults)
        {
            json.WriteNull("results");
        }
        else
        {
            json.WriteStartArray("results");
            for (var i = start; i < end; i++)
            {
                WriteTicker(ctx, rows[i].Symbol, rows[i].Listing, date);
            }

            json.WriteEndArray();
        }

        json.WriteString("status", ctx.Status);
        ctx.WriteRequestId();
        json.WriteNumber("count", ctx.NullResults ? 0 : end - start);
        if (end < rows.Count && !ctx.NullResults)
        {
            var last = rows[end - 1];
            var cursor = q.With("active", active ? "true" : "false").With("date", ReferenceFormat.Date(date)).With("limit", limit.ToString(CultureInfo.InvariantCulture))
                .With("order", descending ? "desc" : "asc").With("sort", "ticker").With("page_marker", $"{last.Symbol}|{last.Listing.Id}").ToCursor();
            ctx.WriteNextUrl($"/v3/reference/tickers?cursor={cursor}");
        }

        json.WriteEndObject();
    }

    private static void WriteTicker(RequestContext ctx, string symbol, Listing l, LocalDate date)
    {
        var json = ctx.Json;
        json.WriteStartObject();
        json.WriteString("ticker", symbol);
        json.WriteString("name", l.Name);
        json.WriteString("market", l.Market);
        json.WriteString("locale", "us");
        if (l.PrimaryExchange is { } ex)
        {
            json.WriteString("primary_exchange", ex);
        }

        json.WriteString("type", l.Type);
        json.WriteBoolean("active", l.IsListedOn(date));
        json.WriteString("currency_name", "usd");
        if (l.Cik is { } cik)
        {
            json.WriteString("cik", cik);
        }

        json.WriteString("composite_figi", l.CompositeFigi);
        json.WriteString("share_class_figi", l.ShareClassFigi);
        json.WriteString("last_updated_utc", ReferenceFormat.Utc(date));
        if (l.DelistDate is { } d && d <= date)
        {
            json.WriteString("delisted_utc", ReferenceFormat.Utc(d));
        }

        json.WriteEndObject();
    }
}
