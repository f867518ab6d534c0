namespace SmallCaps.Core.Manifest;

/// <summary>The windows built from an events file and what was left out.</summary>
/// <param name="Windows">Merged windows, by ticker, session and start.</param>
/// <param name="Events">Events read.</param>
/// <param name="OutsideHours">Events whose window lies wholly outside 04:00-20:00 New York.</param>
/// <param name="OutsideDates">Events outside --start-date/--end-date.</param>
public sealed record ManifestBuildResult(IReadOnlyList<ManifestWindow> Windows, int Events, int OutsideHours, int OutsideDates)
{
    /// <summary>Events on days the NYSE was closed (weekends, holidays): nothing traded, so no window.</summary>
    public int ClosedDays { get; init; }

    /// <summary>The first of those, as ticker and New York date, for the notice.</summary>
    public (string Ticker, NodaTime.LocalDate Date)? FirstClosed { get; init; }
}
