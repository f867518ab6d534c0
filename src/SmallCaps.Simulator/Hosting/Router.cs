using SmallCaps.Simulator.Endpoints;

namespace SmallCaps.Simulator.Hosting;

/// <summary>Maps a path (split on '/') to its endpoint, or null for an unknown route.</summary>
internal static class Router
{
    public static Action<RequestContext>? Route(string[] s) => s switch
    {
        ["v2", "aggs", "ticker", _, "range", _, _, _, _] => AggregatesEndpoint.Handle,
        ["v2", "aggs", "ticker", _, "prev"] => DailySnapshotEndpoints.PreviousClose,
        ["v2", "aggs", "grouped", "locale", "us", "market", "stocks", _] => DailySnapshotEndpoints.GroupedDaily,
        ["v3", "trades", _] => TicksEndpoint.Trades,
        ["v3", "quotes", _] => TicksEndpoint.Quotes,
        ["v3", "reference", "tickers"] => TickersEndpoint.Handle,
        ["v3", "reference", "tickers", "types"] => TickerTypesEndpoint.Handle,
        ["v3", "reference", "tickers", _] => TickerDetailsEndpoint.Handle,
        ["v3", "reference", "splits"] => SplitsEndpoint.Handle,
        ["v3", "reference", "dividends"] => DividendsEndpoint.Handle,
        ["vX", "reference", "tickers", _, "events"] => TickerEventsEndpoint.Handle,
        _ => null,
    };
}
