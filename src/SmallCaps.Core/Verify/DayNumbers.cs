using NodaTime;

namespace SmallCaps.Core.Verify;

/// <summary>Session dates as days since 1970-01-01, the form the bar files store.</summary>
internal static class DayNumbers
{
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public static LocalDate ToDate(int day) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(day + EpochDayNumber));

    public static int ToNumber(LocalDate date) => date.ToDateOnly().DayNumber - EpochDayNumber;
}
