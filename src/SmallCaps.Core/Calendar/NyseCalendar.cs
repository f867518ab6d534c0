using System.Collections.Frozen;
using NodaTime;

namespace SmallCaps.Core.Calendar;

/// <summary>
/// The NYSE trading calendar for 1990-2040, computed from the exchange's holiday rules plus known
/// special closures (9/11, days of mourning, Hurricane Sandy). Early-close days end at 13:00 New York.
/// </summary>
public static class NyseCalendar
{
    /// <summary>First year the calendar covers.</summary>
    public const int FirstYear = 1990;

    /// <summary>Last year the calendar covers.</summary>
    public const int LastYear = 2040;

    private static readonly Lazy<Tables> LazyTables = new(Build);

    /// <summary>Regular session open, 09:30 New York.</summary>
    public static LocalTime RegularOpen { get; } = new(9, 30);

    /// <summary>Regular session close, 16:00 New York.</summary>
    public static LocalTime RegularClose { get; } = new(16, 0);

    /// <summary>Close of an early-close day, 13:00 New York.</summary>
    public static LocalTime EarlyClose { get; } = new(13, 0);

    /// <summary>True when the NYSE trades on <paramref name="date"/> (a weekday that is not a holiday or closure).</summary>
    public static bool IsSession(LocalDate date)
    {
        CheckRange(date);
        return date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !LazyTables.Value.Closed.ContainsKey(date);
    }

    /// <summary>True when <paramref name="date"/> is a session that closes at 13:00.</summary>
    public static bool IsEarlyClose(LocalDate date) => IsSession(date) && LazyTables.Value.Early.Contains(date);

    /// <summary>The regular-session close of a session date (13:00 on early-close days, else 16:00).</summary>
    public static LocalTime CloseOf(LocalDate date) => IsEarlyClose(date) ? EarlyClose : RegularClose;

    /// <summary>The closure on a weekday, or null when the date is a session or a weekend.</summary>
    public static MarketClosure? ClosureOn(LocalDate date)
    {
        CheckRange(date);
        return LazyTables.Value.Closed.TryGetValue(date, out var name) ? new MarketClosure(date, name) : null;
    }

    /// <summary>Weekday closures (holidays and special closures) of one year, sorted.</summary>
    public static IReadOnlyList<MarketClosure> ClosuresOf(int year)
    {
        CheckRange(new LocalDate(year, 1, 1));
        return NyseHolidayRules.Closures(year);
    }

    /// <summary>Sessions from <paramref name="from"/> to <paramref name="to"/>, both inclusive, ascending.</summary>
    public static IReadOnlyList<LocalDate> Sessions(LocalDate from, LocalDate to)
    {
        var list = new List<LocalDate>();
        for (var d = from; d <= to; d = d.PlusDays(1))
        {
            if (IsSession(d))
            {
                list.Add(d);
            }
        }

        return list;
    }

    /// <summary>True when some date from <paramref name="from"/> to <paramref name="to"/> (inclusive) is a session.</summary>
    public static bool HasSession(LocalDate from, LocalDate to)
    {
        for (var d = from; d <= to; d = d.PlusDays(1))
        {
            if (IsSession(d))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first session strictly after <paramref name="date"/>.</summary>
    public static LocalDate NextSession(LocalDate date)
    {
        var d = date.PlusDays(1);
        while (!IsSession(d))
        {
            d = d.PlusDays(1);
        }

        return d;
    }

    /// <summary>The last session strictly before <paramref name="date"/>.</summary>
    public static LocalDate PreviousSession(LocalDate date)
    {
        var d = date.PlusDays(-1);
        while (!IsSession(d))
        {
            d = d.PlusDays(-1);
        }

        return d;
    }

    private static void CheckRange(LocalDate date)
    {
        if (date.Year is < FirstYear or > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"The NYSE calendar covers {FirstYear}-{LastYear}.");
        }
    }

    private static Tables Build()
    {
        var closed = new Dictionary<LocalDate, string>();
        var early = new HashSet<LocalDate>();
        for (var year = FirstYear; year <= LastYear; year++)
        {
            foreach (var c in NyseHolidayRules.Closures(year))
            {
                closed.TryAdd(c.Date, c.Name);
            }

            foreach (var d in NyseHolidayRules.EarlyCloses(year))
            {
                early.Add(d);
            }
        }

        early.RemoveWhere(closed.ContainsKey);
        return new Tables(closed.ToFrozenDictionary(), early.ToFrozenSet());
    }

    private sealed record Tables(FrozenDictionary<LocalDate, string> Closed, FrozenSet<LocalDate> Early);
}
