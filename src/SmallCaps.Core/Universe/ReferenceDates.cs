using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SmallCaps.Core.Calendar;

namespace SmallCaps.Core.Universe;

/// <summary>Date rules of the reference data.</summary>
internal static class ReferenceDates
{
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>
    /// The date of a vendor date or timestamp (<c>2024-03-05</c> or <c>2024-03-05T00:00:00Z</c>): the vendor writes
    /// dates as midnight UTC, so the date part is the date meant (converting to New York would shift it a day back).
    /// </summary>
    public static LocalDate? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length < 10)
        {
            return null;
        }

        var result = IsoDate.Parse(text[..10]);
        return result.Success ? result.Value : null;
    }

    public static string Format(LocalDate? date) => date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";

    /// <summary>The last day a name delisted on <paramref name="delisted"/> traded: the NYSE session before it.</summary>
    public static LocalDate LastActiveDate(LocalDate delisted)
    {
        if (delisted.Year > NyseCalendar.FirstYear && delisted.Year <= NyseCalendar.LastYear)
        {
            return NyseCalendar.PreviousSession(delisted);
        }

        // Outside the calendar's years: the previous weekday.
        var d = delisted.PlusDays(-1);
        while (d.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
        {
            d = d.PlusDays(-1);
        }

        return d;
    }

    /// <summary>Days since 1970-01-01, the Parquet DATE value.</summary>
    public static int ToEpochDay(LocalDate date) => date.ToDateOnly().DayNumber - EpochDayNumber;

    public static LocalDate FromEpochDay(int days) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(days + EpochDayNumber));
}
