using NodaTime;

namespace SmallCaps.Simulator.Market;

/// <summary>A listing trading under a symbol on [From, To).</summary>
internal readonly record struct SymbolSpan(Listing Listing, LocalDate From, LocalDate To);
