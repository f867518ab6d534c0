using NodaTime;

namespace SmallCaps.Core.Ingest;

/// <summary>The session dates one ticker is asked for, inclusive.</summary>
/// <param name="Ticker">The vendor symbol.</param>
/// <param name="From">First New York session date.</param>
/// <param name="To">Last New York session date.</param>
public sealed record TickerRange(string Ticker, LocalDate From, LocalDate To);
