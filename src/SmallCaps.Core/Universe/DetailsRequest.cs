using NodaTime;

namespace SmallCaps.Core.Universe;

/// <summary>Ticker details wanted for a candidate: the symbol as of the date its market cap is taken at.</summary>
internal readonly record struct DetailsRequest(string Ticker, LocalDate Date);
