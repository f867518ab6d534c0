using NodaTime;

namespace SmallCaps.Core.Manifest;

/// <summary>Parquet DATE values (days since 1970-01-01) to dates, and the years a manifest may name.</summary>
internal static class ManifestDates
{
    private static readonly long EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>The date <paramref name="daysSinceEpoch"/> days after 1970-01-01, or null when no calendar date is that far.</summary>
    public static LocalDate? FromEpochDays(int daysSinceEpoch)
    {
        var dayNumber = EpochDayNumber + daysSinceEpoch;
        return dayNumber is >= 0 && dayNumber <= DateOnly.MaxValue.DayNumber
            ? LocalDate.FromDateOnly(DateOnly.FromDayNumber((int)dayNumber))
            : null;
    }

    /// <summary>Days since 1970-01-01 of <paramref name="date"/>, as Parquet DATE stores it.</summary>
    public static int ToEpochDays(LocalDate date) => (int)(date.ToDateOnly().DayNumber - EpochDayNumber);

    /// <summary>Null when <paramref name="date"/> lies in 1990-2099 (sessions the vendor and this tool's clock can hold), else the problem.</summary>
    public static string? RangeProblem(LocalDate date) => date.Year is >= 1990 and < 2100 ? null : "is not between 1990 and 2100";
}
