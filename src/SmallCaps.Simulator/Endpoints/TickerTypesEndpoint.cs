using SmallCaps.Simulator.Market;

namespace SmallCaps.Simulator.Endpoints;

/// <summary><c>/v3/reference/tickers/types</c>.</summary>
internal static class TickerTypesEndpoint
{
    public static void Handle(RequestContext ctx)
    {
        var json = ctx.Json;
        json.WriteStartObject();
        json.WriteStartArray("results");
        foreach (var (code, description) in TickerTypes.All)
        {
            json.WriteStartObject();
            json.WriteString("code", code);
            json.WriteString("description", description);
            json.WriteString("asset_class", "stocks");
            json.WriteString("locale", "us");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("status", ctx.Status);
        ctx.WriteRequestId();
        json.WriteNumber("count", TickerTypes.All.Length);
        json.WriteEndObject();
    }
}
