using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Universe;

/// <summary>One ticker change of one identity, as stored in the ticker_events dataset.</summary>
internal sealed record TickerEventRow(string Identity, TickerEvents Events, TickerChangeEvent Change);
