using NodaTime;
using SmallCaps.Simulator.Market;

namespace SmallCaps.Simulator.Endpoints;

/// <summary><c>/v3/reference/splits</c>: splits known as of the as-of date; newest first by default; limit default 10, max 1000.</summary>
internal static class SplitsEndpoint
{
    public static void Handle(RequestContext ctx)
    {
        var q = ctx.Query;
        var limit = ctx.Limit(10, 1000);
        var rows = new List<(string Ticker, SplitEvent Split)>();
        foreach (var l in ctx.Market.Universe.Listings)
        {
            foreach (var s in l.Splits)
            {
                if (s.ExecutionDate > ctx.Market.AsOf || s.ExecutionDate < l.ListDate)
                {
                    continue;
                }

                var ticker = l.SymbolOn(s.ExecutionDate);
                var reverse = s.SplitTo < s.SplitFrom;
                if ((q["ticker"] is { } t && t != ticker)
                    || (q["reverse_split"] is { } r && QueryValues.Bool(r, false, "reverse_split") != reverse)
                    || !OffsetPage.DateMatches(ctx, "execution_date", s.ExecutionDate))
                {
                    continue;
                }

                rows.Add((ticker, s));
            }
        }

        var ascending = q["order"] == "asc";
        rows.Sort((a, b) => Compare(a, b, ascending));
        var offset = OffsetPage.Offset(ctx);
        var end = Math.Min(rows.Count, offset + limit);
        var json = ctx.Json;
        json.WriteStartObject();
        json.WriteStartArray("results");
        for (var i = offset; i < end; i++)
        {
            var (ticker, s) = rows[i];
            json.WriteStartObject();
            json.WriteString("execution_date", ReferenceFormat.Date(s.ExecutionDate));
            json.WriteString("id", s.Id);
            json.WriteNumber("split_from", s.SplitFrom);
            json.WriteNumber("split_to", s.SplitTo);
            json.WriteString("ticker", ticker);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("status", ctx.Status);
        ctx.WriteRequestId();
        if (end < rows.Count)
        {
            OffsetPage.WriteNext(ctx, "/v3/reference/splits", end, limit);
        }

        json.WriteEndObject();
    }

    private static int Compare((string Ticker, SplitEvent Split) a, (string Ticker, SplitEvent Split) b, bool ascending)
    {
        var c = a.Split.ExecutionDate.CompareTo(b.Split.ExecutionDate);
        c = ascending ? c : -c;
        return c != 0 ? c : string.CompareOrdinal(a.Ticker, b.Ticker) is var t && t != 0 ? t : string.CompareOrdinal(a.Split.Id, b.Split.Id);
    }

    /// <summary>Known splits of a symbol (for ground truth).</summary>
    public static IEnumerable<(string Ticker, SplitEvent Split)> Of(MarketData market, string symbol) =>
        market.Universe.SpansOf(symbol).Select(s => s.Listing).Distinct()
            .SelectMany(l => l.Splits.Where(s => s.ExecutionDate <= market.AsOf && s.ExecutionDate >= l.ListDate).Select(s => (l.SymbolOn(s.ExecutionDate), s)))
            .Where(x => x.Item1 == symbol)
            .OrderBy(x => x.s.ExecutionDate, Comparer<LocalDate>.Default);
}
