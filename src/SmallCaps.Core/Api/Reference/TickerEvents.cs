namespace SmallCaps.Core.Api.Reference;

/// <summary>The ticker history of one security from <c>/vX/reference/tickers/{id}/events</c>.</summary>
internal sealed record TickerEvents(string? Name, string? CompositeFigi, string? Cik, IReadOnlyList<TickerChangeEvent> Changes);
