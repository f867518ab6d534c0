using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Manifest;

namespace SmallCaps.Core.Tests.Manifest;

public sealed class ManifestBuilderTests
{
    private static readonly LocalDate Day = new(2024, 3, 15);

    [Fact]
    public void Build_OverlappingEventsOfOneSession_MergeIntoOneWindow()
    {
        // Given two events 20 minutes apart with 30m before / 60m after, and one of another ticker
        var events = new[] { Event("ABC", 10, 0), Event("ABC", 10, 20), Event("XYZ", 10, 0) };

        // When
        var result = ManifestBuilder.Build(events, new ManifestOptions());

        // Then
        Assert.Equal(2, result.Windows.Count);
        var abc = result.Windows[0];
        Assert.Equal("ABC", abc.Ticker);
        Assert.Equal(Ns(9, 30), abc.StartNs);
        Assert.Equal(Ns(11, 20), abc.EndNs);
        Assert.Equal(2, abc.Events);
        Assert.Equal("XYZ", result.Windows[1].Ticker);
    }

    [Fact]
    public void Build_EventsNearTheEdges_ClampedTo0400And2000NewYork()
    {
        // Given
        var events = new[] { Event("ABC", 4, 10), Event("ABC", 19, 50) };

        // When
        var result = ManifestBuilder.Build(events, new ManifestOptions());

        // Then
        Assert.Equal(2, result.Windows.Count);
        Assert.Equal(Ns(4, 0), result.Windows[0].StartNs);
        Assert.Equal(Ns(20, 0), result.Windows[1].EndNs);
    }

    [Fact]
    public void Build_EventAfter2030_IsLeftOutAndCounted()
    {
        // Given an event at 21:00 New York with 30m before: its window never reaches 20:00
        var events = new[] { Event("ABC", 21, 0) };

        // When
        var result = ManifestBuilder.Build(events, new ManifestOptions());

        // Then
        Assert.Empty(result.Windows);
        Assert.Equal(1, result.OutsideHours);
    }

    [Fact]
    public void Build_EventsOnAWeekendAndAHoliday_AreLeftOutAndCounted()
    {
        // Given: Saturday 2024-03-16, Christmas 2024 (a date-only event), and one on the session of 2024-03-15
        EventRecord saturday = new("SMCP", NewYorkTime.ToUnixNanoseconds(new LocalDate(2024, 3, 16).At(new LocalTime(10, 0))), default);
        EventRecord christmas = new("OTHR", null, new LocalDate(2024, 12, 25));

        // When
        var result = ManifestBuilder.Build([Event("SMCP", 10, 0), saturday, christmas], new ManifestOptions());

        // Then
        var window = Assert.Single(result.Windows);
        Assert.Equal(Day, window.SessionDate);
        Assert.Equal(2, result.ClosedDays);
        Assert.Equal(("SMCP", new LocalDate(2024, 3, 16)), result.FirstClosed);
    }

    [Fact]
    public void Build_DateEventAndWholeSession_CoverTheSession()
    {
        // Given
        var events = new[] { new EventRecord("ABC", null, Day), Event("XYZ", 12, 0) };

        // When
        var result = ManifestBuilder.Build(events, new ManifestOptions { WholeSession = true });

        // Then
        Assert.All(result.Windows, w => Assert.Equal((Ns(4, 0), Ns(20, 0)), (w.StartNs, w.EndNs)));
    }

    [Fact]
    public void Build_SessionIsTheNewYorkDate_NotTheUtcDate()
    {
        // Given 19:30 New York on Mar 15 = 23:30 UTC; 21:00 EDT would be Mar 16 UTC
        var late = Event("ABC", 19, 30);

        // When
        var result = ManifestBuilder.Build([late], new ManifestOptions());

        // Then
        Assert.Equal(Day, Assert.Single(result.Windows).SessionDate);
    }

    [Fact]
    public void Build_StartAndEndDate_RestrictSessions()
    {
        // Given
        var events = new[] { Event("ABC", 10, 0), new EventRecord("ABC", null, Day.PlusDays(3)) };

        // When
        var result = ManifestBuilder.Build(events, new ManifestOptions { StartDate = Day.PlusDays(1) });

        // Then
        Assert.Equal(Day.PlusDays(3), Assert.Single(result.Windows).SessionDate);
        Assert.Equal(1, result.OutsideDates);
    }

    private static EventRecord Event(string ticker, int hour, int minute) => new(ticker, Ns(hour, minute), default);

    private static long Ns(int hour, int minute) => NewYorkTime.ToUnixNanoseconds(Day.At(new LocalTime(hour, minute)));
}
