using NodaTime;

namespace SmallCaps.Core.Calendar;

/// <summary>A weekday on which the NYSE does not trade, with the reason (holiday name or special closure).</summary>
/// <param name="Date">The New York date.</param>
/// <param name="Name">Why the market is closed, e.g. "Good Friday" or "Hurricane Sandy".</param>
public readonly record struct MarketClosure(LocalDate Date, string Name);
