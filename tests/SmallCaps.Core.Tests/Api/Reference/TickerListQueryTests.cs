using NodaTime;
using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Tests.Api.Reference;

public sealed class TickerListQueryTests
{
    [Fact]
    public void PathAndQuery_WithDateAndFilters_BuildsVendorQuery()
    {
        var q = new TickerListQuery(false, "CS", "XNAS", new LocalDate(2024, 1, 31));
        Assert.Equal("/v3/reference/tickers?market=stocks&type=CS&exchange=XNAS&active=false&date=2024-01-31&order=asc&sort=ticker&limit=1000", q.PathAndQuery());
    }
}
