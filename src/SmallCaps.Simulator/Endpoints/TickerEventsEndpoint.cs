namespace SmallCaps.Simulator.Endpoints;

/// <summary><c>/vX/reference/tickers/{id}/events?types=ticker_change</c>: id is a ticker or a composite FIGI; renames newest first.</summary>
internal static class TickerEventsEndpoint
{
    public static void Handle(RequestContext ctx)
    {
        var id = ctx.Segments[3];
        var listing = ctx.Market.Universe.ResolveLatest(id, ctx.Market.AsOf)
            ?? ctx.Market.Universe.Listings.FirstOrDefault(l => l.CompositeFigi == id || (l.Cik is not null && l.Cik == id));
        if (listing is null)
        {
            ctx.NotFound();
            return;
        }

        var json = ctx.Json;
        json.WriteStartObject();
        json.WriteStartObject("results");
        json.WriteString("name", listing.Name);
        json.WriteString("composite_figi", listing.CompositeFigi);
        if (listing.Cik is { } cik)
        {
            json.WriteString("cik", cik);
        }

        json.WriteStartArray("events");
        for (var i = listing.Symbols.Count - 1; i >= 0; i--)
        {
            var p = listing.Symbols[i];
            if (p.From > ctx.Market.AsOf)
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteStartObject("ticker_change");
            json.WriteString("ticker", p.Symbol);
            json.WriteEndObject();
            json.WriteString("type", "ticker_change");
            json.WriteString("date", ReferenceFormat.Date(p.From));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteString("status", ctx.Status);
        ctx.WriteRequestId();
        json.WriteEndObject();
    }
}
