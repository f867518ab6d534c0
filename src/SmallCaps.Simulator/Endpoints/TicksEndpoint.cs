using SmallCaps.Simulator.Truth;

namespace SmallCaps.Simulator.Endpoints;

/// <summary><c>/v3/trades/{ticker}</c> and <c>/v3/quotes/{ticker}</c>: nanosecond filters, order, limit, cursor paging.</summary>
internal static class TicksEndpoint
{
    private const string NotEntitled = "You are not entitled to this data. Please upgrade your plan at https://massive.com/pricing";

    public static void Trades(RequestContext ctx)
    {
        var ticker = ctx.Segments[2];
        if (!ctx.Options.TradesEntitled)
        {
            ctx.NotAuthorized(NotEntitled);
            return;
        }

        var window = TickWindow.Parse(ctx);
        if (!ctx.Market.Universe.IsKnown(ticker))
        {
            ctx.NotFound();
            return;
        }

        var page = ctx.Market.Trades(ticker, window.FromNs, window.ToNs, window.Descending).Take(window.Limit + 1).ToList();
        Write(ctx, "trades", ticker, window, page.Count, page.Count > 0 ? page[Math.Min(page.Count, window.Limit) - 1].SipTimestamp : 0, i => WriteTrade(ctx, page[i]));
    }

    public static void Quotes(RequestContext ctx)
    {
        var ticker = ctx.Segments[2];
        if (!ctx.Options.QuotesEntitled)
        {
            ctx.NotAuthorized(NotEntitled);
            return;
        }

        var window = TickWindow.Parse(ctx);
        if (!ctx.Market.Universe.IsKnown(ticker))
        {
            ctx.NotFound();
            return;
        }

        var page = ctx.Market.Quotes(ticker, window.FromNs, window.ToNs, window.Descending).Take(window.Limit + 1).ToList();
        Write(ctx, "quotes", ticker, window, page.Count, page.Count > 0 ? page[Math.Min(page.Count, window.Limit) - 1].SipTimestamp : 0, i => WriteQuote(ctx, page[i]));
    }

    private static void Write(RequestContext ctx, string dataset, string ticker, TickWindow window, int fetched, long lastNs, Action<int> writeRow)
    {
        var json = ctx.Json;
        var count = Math.Min(fetched, window.Limit);
        json.WriteStartObject();
        if (ctx.NullResults)
        {
            json.WriteNull("results");
        }
        else
        {
            json.WriteStartArray("results");
            for (var i = 0; i < count; i++)
            {
                writeRow(i);
            }

            json.WriteEndArray();
        }

        json.WriteString("status", ctx.Status);
        ctx.WriteRequestId();
        if (fetched > window.Limit && !ctx.NullResults)
        {
            ctx.WriteNextUrl($"/v3/{dataset}/{Uri.EscapeDataString(ticker)}?cursor={window.NextCursor(ctx, lastNs)}");
        }

        json.WriteEndObject();
    }

    private static void WriteTrade(RequestContext ctx, SimTrade t)
    {
        var json = ctx.Json;
        json.WriteStartObject();
        if (t.Conditions is { } conditions)
        {
            json.WriteStartArray("conditions");
            foreach (var c in conditions)
            {
                json.WriteNumberValue(c);
            }

            json.WriteEndArray();
        }

        json.WriteNumber("exchange", t.Exchange);
        json.WriteString("id", t.Id);
        json.WriteNumber("participant_timestamp", t.ParticipantTimestamp);
        json.WriteNumber("price", t.Price);
        json.WriteNumber("sequence_number", t.SequenceNumber);
        json.WriteNumber("sip_timestamp", t.SipTimestamp);
        json.WriteNumber("size", t.Size);
        json.WriteNumber("tape", t.Tape);
        if (t.TrfId is { } trfId)
        {
            json.WriteNumber("trf_id", trfId);
        }

        if (t.TrfTimestamp is { } trf)
        {
            json.WriteNumber("trf_timestamp", trf);
        }

        json.WriteEndObject();
    }

    private static void WriteQuote(RequestContext ctx, in SimQuote q)
    {
        var json = ctx.Json;
        json.WriteStartObject();
        json.WriteNumber("ask_exchange", q.AskExchange);
        json.WriteNumber("ask_price", q.AskPrice);
        json.WriteNumber("ask_size", q.AskSize);
        json.WriteNumber("bid_exchange", q.BidExchange);
        json.WriteNumber("bid_price", q.BidPrice);
        json.WriteNumber("bid_size", q.BidSize);
        json.WriteNumber("participant_timestamp", q.ParticipantTimestamp);
        json.WriteNumber("sequence_number", q.SequenceNumber);
        json.WriteNumber("sip_timestamp", q.SipTimestamp);
        json.WriteNumber("tape", q.Tape);
        json.WriteEndObject();
    }
}
