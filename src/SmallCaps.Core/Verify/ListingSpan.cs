using NodaTime;

namespace SmallCaps.Core.Verify;

/// <summary>What the reference says about when a ticker traded; each fact null when no source gives it.</summary>
/// <param name="Listed">List date.</param>
/// <param name="LastTraded">Last day traded: the day before the latest delisting date known.</param>
/// <param name="ActiveOn">The latest snapshot date whose tickers list names it active.</param>
/// <param name="StillActive">A universe CSV with a delisting column leaves its date empty: listed until today.</param>
public readonly record struct ListingSpan(LocalDate? Listed, LocalDate? LastTraded, LocalDate? ActiveOn = null, bool StillActive = false)
{
    /// <summary>Whether any source gives a fact.</summary>
    public bool IsKnown => Listed is not null || LastTraded is not null || ActiveOn is not null || StillActive;

    /// <summary>The facts of both, a fact of <paramref name="later"/> replacing the same fact here only when it has a value.</summary>
    public ListingSpan MergedWith(ListingSpan later) => new(
        later.Listed ?? Listed,
        later.LastTraded ?? LastTraded,
        Latest(ActiveOn, later.ActiveOn),
        StillActive || later.StillActive);

    /// <summary>
    /// The last day bars are expected, given the last day a listed ticker can have bars (<paramref name="lastSession"/>)
    /// and its last bar seen: a snapshot that saw the ticker active (after its latest delisting, when one is known: a
    /// ticker reused since) runs to the day before that snapshot; a delisting ends the span the day before; a ticker
    /// still active runs to <paramref name="lastSession"/>; else, unknown to the reference, the last bar seen.
    /// </summary>
    public LocalDate? ExpectedEnd(LocalDate lastSession, LocalDate? lastBar)
    {
        if (ActiveOn is { } seen && (LastTraded is not { } last || seen > last))
        {
            // Listed on the snapshot date: it traded through the day before; later days are not known.
            var through = StillActive ? lastSession : Earliest(seen.PlusDays(-1), lastSession);
            return Latest(through, lastBar);
        }

        if (LastTraded is { } lastTraded)
        {
            return lastTraded;
        }

        return StillActive ? Latest(lastSession, lastBar) : lastBar;
    }

    private static LocalDate? Latest(LocalDate? a, LocalDate? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static LocalDate Earliest(LocalDate a, LocalDate b) => a < b ? a : b;
}
