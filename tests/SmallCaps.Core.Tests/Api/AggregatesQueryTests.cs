using SmallCaps.Core.Api;

namespace SmallCaps.Core.Tests.Api;

public sealed class AggregatesQueryTests
{
    [Fact]
    public void PathAndQuery_MinuteBars_NewYorkDayBoundsInMillisecondsWithLimitAndAscendingSort()
    {
        // Given: 2005-04-01 starts at 05:00 UTC (EST); DST begins 2005-04-03, so 2005-04-04 ends at 04:00 UTC on the 5th
        var query = new AggregatesQuery("AAPL", BarTimespan.Minute, new DateOnly(2005, 4, 1), new DateOnly(2005, 4, 4));

        // When
        var path = query.PathAndQuery();

        // Then
        Assert.Equal("/v2/aggs/ticker/AAPL/range/1/minute/1112331600000/1112673599999?adjusted=true&sort=asc&limit=50000", path);
    }

    [Fact]
    public void PathAndQuery_ClassShareDailyRaw_KeepsDotAndAdjustedFalse()
    {
        // When
        var path = new AggregatesQuery("BRK.A", BarTimespan.Day, new DateOnly(2020, 1, 2), new DateOnly(2020, 1, 2), Adjusted: false).PathAndQuery();

        // Then
        Assert.Equal("/v2/aggs/ticker/BRK.A/range/1/day/2020-01-02/2020-01-02?adjusted=false&sort=asc&limit=50000", path);
    }

    [Fact]
    public void PathAndQuery_OddCharacters_Escaped()
    {
        // When
        var path = new AggregatesQuery("A/B C", BarTimespan.Day, new DateOnly(2020, 1, 2), new DateOnly(2020, 1, 3)).PathAndQuery();

        // Then
        Assert.StartsWith("/v2/aggs/ticker/A%2FB%20C/range/", path, StringComparison.Ordinal);
    }

    [Fact]
    public void PathAndQuery_ReversedRange_Throws()
    {
        // Given
        var query = new AggregatesQuery("X", BarTimespan.Day, new DateOnly(2020, 1, 3), new DateOnly(2020, 1, 2));

        // Then
        Assert.Throws<ArgumentException>(() => query.PathAndQuery());
    }
}
