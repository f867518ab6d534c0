namespace SmallCaps.Core.Api.Reference;

/// <summary>One <c>ticker_change</c> event: from <paramref name="Date"/> on, the security trades as <paramref name="Ticker"/>.</summary>
internal sealed record TickerChangeEvent(string Ticker, string? Date);
