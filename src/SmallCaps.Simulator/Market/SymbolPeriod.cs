using NodaTime;

namespace SmallCaps.Simulator.Market;

/// <summary>A symbol a listing traded under from <see cref="From"/> until the next period (renames).</summary>
internal readonly record struct SymbolPeriod(LocalDate From, string Symbol);
