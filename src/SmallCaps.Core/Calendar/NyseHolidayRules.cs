using NodaTime;

namespace SmallCaps.Core.Calendar;

/// <summary>Computes NYSE full closures and 13:00 early closes of one year from the exchange's rules.</summary>
internal static class NyseHolidayRules
{
    private static readonly (LocalDate Date, string Name)[] SpecialClosures =
    [
        (new LocalDate(1994, 4, 27), "Nixon funeral"),
        (new LocalDate(2001, 9, 11), "September 11"),
        (new LocalDate(2001, 9, 12), "September 11"),
        (new LocalDate(2001, 9, 13), "September 11"),
        (new LocalDate(2001, 9, 14), "September 11"),
        (new LocalDate(2004, 6, 11), "Reagan day of mourning"),
        (new LocalDate(2007, 1, 2), "Ford day of mourning"),
        (new LocalDate(2012, 10, 29), "Hurricane Sandy"),
        (new LocalDate(2012, 10, 30), "Hurricane Sandy"),
        (new LocalDate(2018, 12, 5), "G. H. W. Bush day of mourning"),
        (new LocalDate(2025, 1, 9), "Carter day of mourning"),
    ];

    /// <summary>Weekday closures of <paramref name="year"/>, sorted by date.</summary>
    public static List<MarketClosure> Closures(int year)
    {
        var list = new List<MarketClosure>();
        void Add(LocalDate? d, string name)
        {
            if (d is { } date && date.Year == year && !IsWeekend(date))
            {
                list.Add(new MarketClosure(date, name));
            }
        }

        // NYSE rule 7.2: a Saturday holiday closes the Friday before, except New Year's Day (year-end accounting).
        var newYear = new LocalDate(year, 1, 1);
        Add(newYear.DayOfWeek == IsoDayOfWeek.Sunday ? newYear.PlusDays(1) : newYear, "New Year's Day");
        if (year >= 1998)
        {
            Add(NthWeekday(year, 1, IsoDayOfWeek.Monday, 3), "Martin Luther King Jr. Day");
        }

        Add(NthWeekday(year, 2, IsoDayOfWeek.Monday, 3), "Presidents' Day");
        Add(EasterSunday(year).PlusDays(-2), "Good Friday");
        Add(LastWeekday(year, 5, IsoDayOfWeek.Monday), "Memorial Day");
        if (year >= 2022)
        {
            Add(Observed(new LocalDate(year, 6, 19)), "Juneteenth");
        }

        Add(Observed(new LocalDate(year, 7, 4)), "Independence Day");
        Add(NthWeekday(year, 9, IsoDayOfWeek.Monday, 1), "Labor Day");
        Add(NthWeekday(year, 11, IsoDayOfWeek.Thursday, 4), "Thanksgiving Day");
        Add(Observed(new LocalDate(year, 12, 25)), "Christmas Day");
        foreach (var (date, name) in SpecialClosures)
        {
            Add(date, name);
        }

        list.Sort((a, b) => a.Date.CompareTo(b.Date));
        return list;
    }

    /// <summary>Early-close (13:00) days of <paramref name="year"/> before removing any that are closed.</summary>
    public static List<LocalDate> EarlyCloses(int year)
    {
        var list = new List<LocalDate>();

        // July 3 closes early only when it is Mon-Thu (July 4 on Tue-Fri); otherwise July 3 is a weekend or the observed holiday.
        var july3 = new LocalDate(year, 7, 3);
        if (july3.DayOfWeek is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Thursday)
        {
            list.Add(july3);
        }

        list.Add(NthWeekday(year, 11, IsoDayOfWeek.Thursday, 4).PlusDays(1));

        // Christmas Eve closes early on Mon-Thu; on a Friday it is the observed Christmas holiday.
        var christmasEve = new LocalDate(year, 12, 24);
        if (christmasEve.DayOfWeek is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Thursday)
        {
            list.Add(christmasEve);
        }

        return list;
    }

    /// <summary>Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher).</summary>
    public static LocalDate EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(year, month, day);
    }

    private static LocalDate Observed(LocalDate date) => date.DayOfWeek switch
    {
        IsoDayOfWeek.Saturday => date.PlusDays(-1),
        IsoDayOfWeek.Sunday => date.PlusDays(1),
        _ => date,
    };

    private static bool IsWeekend(LocalDate date) => date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;

    private static LocalDate NthWeekday(int year, int month, IsoDayOfWeek day, int n)
    {
        var first = new LocalDate(year, month, 1);
        var offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.PlusDays(offset + (7 * (n - 1)));
    }

    private static LocalDate LastWeekday(int year, int month, IsoDayOfWeek day)
    {
        var last = new LocalDate(year, month, 1).PlusMonths(1).PlusDays(-1);
        var offset = ((int)last.DayOfWeek - (int)day + 7) % 7;
        return last.PlusDays(-offset);
    }
}
