using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Manifest;

namespace SmallCaps.Core.Tests.Manifest;

public sealed class EventTimeParserTests
{
    private static readonly long Expected = (Instant.FromUtc(2024, 3, 15, 13, 31, 0) - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    [Theory]
    [InlineData("1710509460")]
    [InlineData("1710509460000")]
    [InlineData("1710509460000000")]
    [InlineData("1710509460000000000")]
    [InlineData("2024-03-15T13:31:00Z")]
    [InlineData("2024-03-15 13:31:00 UTC")]
    [InlineData("2024-03-15T09:31:00-04:00")]
    [InlineData("2024-03-15 09:31:00")]
    [InlineData("2024-03-15T09:31")]
    public void TryParse_EveryAcceptedForm_GivesTheSameInstant(string text)
    {
        // Given a naive zone of New York (EDT on 2024-03-15)
        // When
        var problem = EventTimeParser.TryParse(text, NewYorkTime.Zone, out var ns, out _);

        // Then
        Assert.Null(problem);
        Assert.Equal(Expected, ns);
    }

    [Fact]
    public void TryParse_NanosecondFraction_KeptExactly()
    {
        // Given / When
        var problem = EventTimeParser.TryParse("2024-03-15T13:31:00.123456789Z", NewYorkTime.Zone, out var ns, out _);

        // Then
        Assert.Null(problem);
        Assert.Equal(Expected + 123_456_789, ns);
    }

    [Fact]
    public void TryParse_PlainDate_IsADateEvent()
    {
        // Given / When
        var problem = EventTimeParser.TryParse("2024-03-15", NewYorkTime.Zone, out var ns, out var date);

        // Then
        Assert.Null(problem);
        Assert.Null(ns);
        Assert.Equal(new LocalDate(2024, 3, 15), date);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-13-45T10:00:00")]
    [InlineData("20240315")]
    [InlineData("15/03/2024 09:30")]
    public void TryParse_Garbage_ReturnsAProblem(string text)
    {
        // Given / When
        var problem = EventTimeParser.TryParse(text, NewYorkTime.Zone, out _, out _);

        // Then
        Assert.NotNull(problem);
    }
}
