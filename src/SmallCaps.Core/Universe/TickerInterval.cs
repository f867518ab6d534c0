using NodaTime;

namespace SmallCaps.Core.Universe;

/// <summary>A symbol an identity traded under, from <paramref name="From"/> (inclusive, null = unknown) to <paramref name="To"/> (exclusive, null = still).</summary>
internal sealed record TickerInterval(string Ticker, LocalDate? From, LocalDate? To)
{
    public override string ToString() => $"{Ticker}:{ReferenceDates.Format(From)}..{ReferenceDates.Format(To)}";
}
