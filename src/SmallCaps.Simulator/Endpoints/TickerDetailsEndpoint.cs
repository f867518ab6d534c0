using SmallCaps.Simulator.Market;

namespace SmallCaps.Simulator.Endpoints;

/// <summary><c>/v3/reference/tickers/{ticker}?date=</c>: the listing that carried the symbol on the date (default as-of).</summary>
internal static class TickerDetailsEndpoint
{
    public static void Handle(RequestContext ctx)
    {
        var symbol = ctx.Segments[3];
        var date = QueryValues.OptionalDate(ctx.Query["date"], "date") ?? ctx.Market.AsOf;
        if (date > ctx.Market.AsOf)
        {
            date = ctx.Market.AsOf;
        }

        var l = ctx.Market.Universe.ResolveLatest(symbol, date);
        if (l is null)
        {
            ctx.NotFound();
            return;
        }

        var active = l.IsListedOn(date);
        var rich = l.Cik is not null && l.Type == "CS";
        var json = ctx.Json;
        json.WriteStartObject();
        json.WriteStartObject("results");
        json.WriteString("ticker", symbol);
        json.WriteString("name", l.Name);
        json.WriteString("market", l.Market);
        json.WriteString("locale", "us");
        if (l.PrimaryExchange is { } ex)
        {
            json.WriteString("primary_exchange", ex);
        }

        json.WriteString("type", l.Type);
        json.WriteBoolean("active", active);
        json.WriteString("currency_name", "usd");
        if (l.Cik is { } cik)
        {
            json.WriteString("cik", cik);
        }

        json.WriteString("composite_figi", l.CompositeFigi);
        json.WriteString("share_class_figi", l.ShareClassFigi);
        var shares = MarketData.SharesOn(l, date);
        if (ctx.Market.MarketCap(l, date) is { } cap)
        {
            json.WriteNumber("market_cap", cap);
        }

        if (rich)
        {
            json.WriteString("phone_number", "(555) 010-" + (1000 + (l.Id % 9000)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartObject("address");
            json.WriteString("address1", $"{100 + (l.Id % 900)} MARKET STREET");
            json.WriteString("city", "NEW YORK");
            json.WriteString("state", "NY");
            json.WriteString("postal_code", "10005");
            json.WriteEndObject();
            json.WriteString("description", $"{l.Name} is a simulated company of the smallcaps test market.");
        }

        if (l.SicCode is { } sic)
        {
            json.WriteString("sic_code", sic);
            json.WriteString("sic_description", l.SicDescription);
        }

        var dot = symbol.IndexOf('.', StringComparison.Ordinal);
        json.WriteString("ticker_root", dot > 0 ? symbol[..dot] : symbol);
        if (dot > 0)
        {
            json.WriteString("ticker_suffix", symbol[(dot + 1)..]);
        }

        if (rich)
        {
            json.WriteString("homepage_url", $"https://www.{symbol.ToLowerInvariant().Replace(".", "", StringComparison.Ordinal)}.example.com");
        }

        if (l.TotalEmployees is { } employees)
        {
            json.WriteNumber("total_employees", employees);
        }

        json.WriteString("list_date", ReferenceFormat.Date(l.ListDate));
        if (rich)
        {
            json.WriteStartObject("branding");
            json.WriteString("logo_url", $"{ctx.NextUrlBase}/v1/reference/company-branding/{l.CompositeFigi}/images/logo.svg");
            json.WriteString("icon_url", $"{ctx.NextUrlBase}/v1/reference/company-branding/{l.CompositeFigi}/images/icon.png");
            json.WriteEndObject();
        }

        json.WriteNumber("share_class_shares_outstanding", shares);
        json.WriteNumber("weighted_shares_outstanding", shares);
        if (!active && l.DelistDate is { } delisted)
        {
            json.WriteString("delisted_utc", ReferenceFormat.Utc(delisted));
        }

        json.WriteEndObject();
        json.WriteString("status", ctx.Status);
        ctx.WriteRequestId();
        json.WriteEndObject();
    }
}
