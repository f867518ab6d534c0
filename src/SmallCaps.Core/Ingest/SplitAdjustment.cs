using NodaTime;
using SmallCaps.Core.Calendar;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// When a split rewrites adjusted bars: the vendor divides every bar before the execution date by the split's ratio,
/// so adjusted bars asked for before that no longer match it. Shared by ingest (which fetches such windows again)
/// and verify (which reports them).
/// </summary>
public static class SplitAdjustment
{
    // The split is surely in the vendor's adjusted history by the open of its execution date; a fetch in the night
    // before may or may not have it, so it counts as before (at worst one window is fetched once more).
    private static readonly LocalTime Open = new(9, 30);

    /// <summary>The moment from which adjusted bars include the split executed on <paramref name="executionDate"/>.</summary>
    public static DateTimeOffset InForceFrom(LocalDate executionDate) =>
        executionDate.At(Open).InZoneLeniently(NewYorkTime.Zone).ToDateTimeOffset();

    /// <summary>
    /// Whether adjusted bars fetched at <paramref name="fetchedAt"/>, the first on <paramref name="firstBarDate"/>,
    /// predate the split executed on <paramref name="executionDate"/> as seen at <paramref name="now"/>.
    /// </summary>
    public static bool MakesStale(DateTimeOffset fetchedAt, LocalDate firstBarDate, LocalDate executionDate, DateTimeOffset now)
    {
        var inForce = InForceFrom(executionDate);
        return firstBarDate < executionDate && fetchedAt < inForce && now >= inForce;
    }
}
