using NodaTime;
using SmallCaps.Core.Ticks;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ticks;

public sealed class CompleteSessionsTests
{
    private static readonly LocalDate Today = new(2026, 11, 20);

    [Fact]
    public void Of_SessionsOfTodayAndLater_LeftOutWithOneNotice_EvenAWindowAlreadyOver()
    {
        // Given 15:00 New York on Today: ABC's 09:30-10:00 window of today is over, XYZ's session is tomorrow
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 20, 0, 0, TimeSpan.Zero));
        var windows = new[]
        {
            SimTicks.Window("ABC", Today.PlusDays(-1), 10, 0, 10, 30),
            SimTicks.Window("XYZ", Today.PlusDays(1), 10, 0, 10, 30),
            SimTicks.Window("ABC", Today, 9, 30, 10, 0),
            SimTicks.Window("ABC", Today, 11, 0, 11, 30),
        };

        // When
        var complete = CompleteSessions.Of(windows, clock);

        // Then: two sessions left for later (ABC's two windows are one session), the earliest named
        Assert.Equal([windows[0]], complete.Windows);
        Assert.Equal(
            "2 manifest sessions are today (2026-11-20) or later in New York and not complete yet (first: ABC 2026-11-20); they are left for a run after their day",
            complete.Notice);
    }

    [Fact]
    public void Of_EveningInNewYorkAfterMidnightUtc_TodayIsTheNewYorkDate()
    {
        // Given 03:00 UTC on the 21st = 22:00 New York on the 20th
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero));
        var windows = new[] { SimTicks.Window("ABC", Today, 9, 30, 10, 0), SimTicks.Window("ABC", Today.PlusDays(-1), 9, 30, 10, 0) };

        // When
        var complete = CompleteSessions.Of(windows, clock);

        // Then: the 20th is still today in New York
        Assert.Equal([windows[1]], complete.Windows);
        Assert.Contains("1 manifest sessions are today (2026-11-20)", complete.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_AllBeforeToday_AllKept_NoNotice()
    {
        // Given
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 5, 0, 0, TimeSpan.Zero));
        var windows = new[] { SimTicks.Window("ABC", Today, 9, 30, 10, 0) };

        // When
        var complete = CompleteSessions.Of(windows, clock);

        // Then
        Assert.Equal(windows, complete.Windows);
        Assert.Null(complete.Notice);
    }
}
