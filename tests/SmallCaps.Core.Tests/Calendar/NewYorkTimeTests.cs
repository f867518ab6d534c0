using NodaTime;
using SmallCaps.Core.Calendar;

namespace SmallCaps.Core.Tests.Calendar;

public sealed class NewYorkTimeTests
{
    [Fact]
    public void StartOfDayUnixMilliseconds_VendorDailyBars_MatchAcrossDstStart()
    {
        // Given the vendor's daily bar starts around the 2005-04-03 DST change (fixture values)
        // When / Then: 05:00Z in EST, 04:00Z in EDT
        Assert.Equal(1112331600000, NewYorkTime.StartOfDayUnixMilliseconds(new LocalDate(2005, 4, 1)));
        Assert.Equal(1112587200000, NewYorkTime.StartOfDayUnixMilliseconds(new LocalDate(2005, 4, 4)));
    }

    [Fact]
    public void SessionDateOfMilliseconds_PostMarketBarAt1930Est_IsTheNewYorkDateNotUtc()
    {
        // Given a 19:30 EST bar on 2024-01-05, which is 2024-01-06 00:30 UTC
        var ms = Instant.FromUtc(2024, 1, 6, 0, 30).ToUnixTimeMilliseconds();

        // When
        var date = NewYorkTime.SessionDateOfMilliseconds(ms);

        // Then
        Assert.Equal(new LocalDate(2024, 1, 5), date);
        Assert.Equal(new LocalDateTime(2024, 1, 5, 19, 30), NewYorkTime.FromUnixMilliseconds(ms));
    }

    [Theory]
    [InlineData(2024, 3, 8, 9, 30, 14)] // EST: UTC-5
    [InlineData(2024, 3, 11, 9, 30, 13)] // EDT after spring forward: UTC-4
    [InlineData(2024, 11, 1, 9, 30, 13)]
    [InlineData(2024, 11, 4, 9, 30, 14)] // back to EST
    public void ToUnixMilliseconds_OpenAroundDst_UsesTheRightOffset(int y, int m, int d, int hh, int mm, int utcHour)
    {
        // Given a New York open / When
        var ms = NewYorkTime.ToUnixMilliseconds(new LocalDateTime(y, m, d, hh, mm));

        // Then
        Assert.Equal(Instant.FromUtc(y, m, d, utcHour, mm).ToUnixTimeMilliseconds(), ms);
    }

    [Fact]
    public void FromUnixNanoseconds_ValueAbove2Pow53_KeepsEveryNanosecond()
    {
        // Given a vendor sip_timestamp (above 2^53)
        const long ns = 1652191872800638701;

        // When
        var local = NewYorkTime.FromUnixNanoseconds(ns);

        // Then 14:11:12Z is 10:11:12 EDT and the nanoseconds survive a round trip
        Assert.Equal(new LocalDateTime(2022, 5, 10, 10, 11, 12).PlusNanoseconds(800638701), local);
        Assert.Equal(ns, NewYorkTime.ToUnixNanoseconds(local));
        Assert.Equal(new LocalDate(2022, 5, 10), NewYorkTime.SessionDateOfNanoseconds(ns));
    }

    [Fact]
    public void InstantFromUnixNanoseconds_NegativeValue_FloorsCorrectly()
    {
        // Given one nanosecond before the epoch / When / Then
        Assert.Equal(Instant.FromUnixTimeTicks(0).PlusNanoseconds(-1), NewYorkTime.InstantFromUnixNanoseconds(-1));
    }
}
