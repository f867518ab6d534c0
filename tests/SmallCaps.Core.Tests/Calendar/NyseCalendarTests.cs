using NodaTime;
using NodaTime.Text;
using SmallCaps.Core.Calendar;

namespace SmallCaps.Core.Tests.Calendar;

public sealed class NyseCalendarTests
{
    public static TheoryData<int, string[]> KnownClosures => new()
    {
        { 2012, ["2012-01-02", "2012-01-16", "2012-02-20", "2012-04-06", "2012-05-28", "2012-07-04", "2012-09-03", "2012-10-29", "2012-10-30", "2012-11-22", "2012-12-25"] },
        { 2021, ["2021-01-01", "2021-01-18", "2021-02-15", "2021-04-02", "2021-05-31", "2021-07-05", "2021-09-06", "2021-11-25", "2021-12-24"] },
        { 2022, ["2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30", "2022-06-20", "2022-07-04", "2022-09-05", "2022-11-24", "2022-12-26"] },
        { 2023, ["2023-01-02", "2023-01-16", "2023-02-20", "2023-04-07", "2023-05-29", "2023-06-19", "2023-07-04", "2023-09-04", "2023-11-23", "2023-12-25"] },
        { 2024, ["2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25"] },
        { 2025, ["2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25"] },
    };

    public static TheoryData<int, string[]> KnownEarlyCloses => new()
    {
        { 2012, ["2012-07-03", "2012-11-23", "2012-12-24"] },
        { 2021, ["2021-11-26"] },
        { 2022, ["2022-11-25"] },
        { 2023, ["2023-07-03", "2023-11-24"] },
        { 2024, ["2024-07-03", "2024-11-29", "2024-12-24"] },
        { 2025, ["2025-07-03", "2025-11-28", "2025-12-24"] },
    };

    [Theory]
    [MemberData(nameof(KnownClosures))]
    public void ClosuresOf_KnownYear_MatchesPublishedNyseHolidays(int year, string[] expected)
    {
        // Given a year whose NYSE holidays are published
        // When the calendar computes them
        var actual = NyseCalendar.ClosuresOf(year).Select(c => c.Date.ToString("yyyy-MM-dd", null)).ToArray();

        // Then they are exactly the published ones
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(KnownEarlyCloses))]
    public void IsEarlyClose_KnownYear_MatchesPublishedHalfDays(int year, string[] expected)
    {
        // Given every date of the year
        var days = Enumerable.Range(0, new LocalDate(year, 12, 31).DayOfYear).Select(i => new LocalDate(year, 1, 1).PlusDays(i));

        // When half days are picked
        var actual = days.Where(NyseCalendar.IsEarlyClose).Select(d => d.ToString("yyyy-MM-dd", null)).ToArray();

        // Then they match and close at 13:00
        Assert.Equal(expected, actual);
        Assert.All(actual, d => Assert.Equal(new LocalTime(13, 0), NyseCalendar.CloseOf(LocalDate.FromDateTime(DateTime.Parse(d, System.Globalization.CultureInfo.InvariantCulture)))));
    }

    [Theory]
    [InlineData(2021, 12, 31, true)] // New Year's Day 2022 on a Saturday is not moved to Friday
    [InlineData(2010, 12, 31, true)]
    [InlineData(2017, 1, 2, false)] // New Year's Day 2017 on a Sunday is observed Monday
    [InlineData(2001, 9, 11, false)]
    [InlineData(2001, 9, 14, false)]
    [InlineData(2001, 9, 17, true)]
    [InlineData(2004, 6, 11, false)]
    [InlineData(2007, 1, 2, false)]
    [InlineData(2018, 12, 5, false)]
    [InlineData(1997, 1, 20, true)] // MLK Day closes the market only from 1998
    [InlineData(1998, 1, 19, false)]
    [InlineData(2021, 6, 18, true)] // Juneteenth only from 2022
    [InlineData(2024, 3, 30, false)] // Saturday
    [InlineData(2005, 4, 1, true)]
    public void IsSession_NotableDates_AreRight(int y, int m, int d, bool expectedOpen)
    {
        // Given a notable date
        var date = new LocalDate(y, m, d);

        // When / Then
        Assert.Equal(expectedOpen, NyseCalendar.IsSession(date));
    }

    [Fact]
    public void Sessions_Year2023_Has250Sessions()
    {
        // Given / When all sessions of 2023 (the NYSE traded 250 days that year)
        var sessions = NyseCalendar.Sessions(new LocalDate(2023, 1, 1), new LocalDate(2023, 12, 31));

        // Then
        Assert.Equal(250, sessions.Count);
        Assert.Equal(new LocalDate(2023, 1, 3), sessions[0]);
        Assert.Equal(new LocalDate(2023, 12, 29), sessions[^1]);
    }

    [Theory]
    [InlineData("2024-07-04", "2024-07-04", false)]
    [InlineData("2024-03-29", "2024-03-31", false)]
    [InlineData("2024-03-29", "2024-04-01", true)]
    [InlineData("2024-07-03", "2024-07-03", true)]
    public void HasSession_HolidaysWeekendsAndSessions_AreRight(string from, string to, bool expected)
    {
        // Given Independence Day 2024, the Good Friday weekend, the session after it and an early close
        // When / Then
        Assert.Equal(expected, NyseCalendar.HasSession(LocalDatePattern.Iso.Parse(from).Value, LocalDatePattern.Iso.Parse(to).Value));
    }

    [Fact]
    public void NextAndPreviousSession_AroundLongWeekend_SkipHolidayAndWeekend()
    {
        // Given Good Friday 2024 (2024-03-29)
        // When / Then
        Assert.Equal(new LocalDate(2024, 4, 1), NyseCalendar.NextSession(new LocalDate(2024, 3, 28)));
        Assert.Equal(new LocalDate(2024, 3, 28), NyseCalendar.PreviousSession(new LocalDate(2024, 4, 1)));
    }

    [Fact]
    public void IsSession_OutsideCoveredYears_Throws()
    {
        // Given a date before 1990 / When / Then
        Assert.Throws<ArgumentOutOfRangeException>(() => NyseCalendar.IsSession(new LocalDate(1989, 12, 29)));
    }

    [Theory]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2000, 4, 23)]
    public void GoodFriday_IsTwoDaysBeforeEaster(int y, int m, int d)
    {
        // Given a known Easter Sunday / When / Then the Friday before is closed
        var goodFriday = new LocalDate(y, m, d).PlusDays(-2);
        Assert.Equal("Good Friday", NyseCalendar.ClosureOn(goodFriday)?.Name);
    }
}
