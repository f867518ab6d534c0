using NodaTime;

namespace SmallCaps.Core.Verify;

/// <summary>
/// Days a ticker named one security, from its ticker_change events: [From, To], either end open when unknown.
/// Bars are fetched by ticker, so a renamed security has no bars under its new ticker before the change.
/// </summary>
/// <param name="From">First day under this ticker; null when the events do not say.</param>
/// <param name="To">Last day, the day before the next change; null while the ticker is current.</param>
public readonly record struct SymbolPeriod(LocalDate? From, LocalDate? To)
{
    /// <summary>True when <paramref name="date"/> falls inside the period.</summary>
    public bool Contains(LocalDate date) => (From is not { } from || date >= from) && (To is not { } to || date <= to);
}
