using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Simulator.Market;

namespace SmallCaps.Simulator.Endpoints;

/// <summary><c>/v2/aggs/ticker/{ticker}/prev</c> and <c>/v2/aggs/grouped/locale/us/market/stocks/{date}</c>.</summary>
internal static class DailySnapshotEndpoints
{
    public static void PreviousClose(RequestContext ctx)
    {
        var ticker = ctx.Segments[3];
        var adjusted = QueryValues.Bool(ctx.Query["adjusted"], true, "adjusted");
        if (!ctx.Market.Universe.IsKnown(ticker))
        {
            ctx.NotFound();
            return;
        }

        // The previous session's bar as seen on the as-of date.
        var asOf = ctx.Market.AsOf;
        var toMs = NewYorkTime.StartOfDayUnixMilliseconds(asOf) - 1;
        var bar = ctx.Market.Bars(ticker, BarKind.Day, NewYorkTime.StartOfDayUnixMilliseconds(asOf.PlusDays(-30)), toMs, adjusted, descending: true).Take(1).ToList();
        var json = ctx.Json;
        json.WriteStartObject();
        json.WriteString("ticker", ticker);
        json.WriteNumber("queryCount", bar.Count);
        json.WriteNumber("resultsCount", bar.Count);
        json.WriteBoolean("adjusted", adjusted);
        if (bar.Count > 0)
        {
            json.WriteStartArray("results");
            BarJson.Write(json, bar[0], ticker, ctx.Options.ExponentVolumes);
            json.WriteEndArray();
        }

        json.WriteString("status", ctx.Status);
        ctx.WriteRequestId();
        json.WriteNumber("count", bar.Count);
        json.WriteEndObject();
    }

    public static void GroupedDaily(RequestContext ctx)
    {
        var date = QueryValues.Date(ctx.Segments[7], "date");
        var adjusted = QueryValues.Bool(ctx.Query["adjusted"], true, "adjusted");
        var includeOtc = QueryValues.Bool(ctx.Query["include_otc"], false, "include_otc");
        var json = ctx.Json;
        var t = NewYorkTime.StartOfDayUnixMilliseconds(date);
        var bars = new List<(string Symbol, Truth.SimBar Bar)>();
        if (date <= ctx.Market.AsOf && date >= ctx.Market.DataStart)
        {
            foreach (var listing in ctx.Market.Universe.Listings)
            {
                if ((includeOtc || !listing.IsOtc) && listing.IsListedOn(date))
                {
                    var symbol = listing.SymbolOn(date);
                    if (ctx.Market.Universe.Resolve(symbol, date) == listing)
                    {
                        bars.AddRange(ctx.Market.Bars(symbol, BarKind.Day, t, t, adjusted, descending: false).Select(b => (symbol, b)));
                    }
                }
            }
        }

        bars.Sort((a, b) => string.CompareOrdinal(a.Symbol, b.Symbol));
        json.WriteStartObject();
        json.WriteNumber("queryCount", bars.Count);
        json.WriteNumber("resultsCount", bars.Count);
        json.WriteBoolean("adjusted", adjusted);
        if (bars.Count > 0)
        {
            json.WriteStartArray("results");
            foreach (var (symbol, bar) in bars)
            {
                BarJson.Write(json, bar, symbol, ctx.Options.ExponentVolumes);
            }

            json.WriteEndArray();
        }

        json.WriteString("status", ctx.Status);
        ctx.WriteRequestId();
        json.WriteNumber("count", bars.Count);
        json.WriteEndObject();
    }
}
