using NodaTime;

namespace SmallCaps.Simulator.Market;

/// <summary>Listings pinned in every universe so the vendor's captured requests (AAPL, META/FB) have data.</summary>
internal static class WellKnownListings
{
    public static IEnumerable<Listing> Create(int firstId)
    {
        yield return new Listing
        {
            Id = firstId,
            Name = "Apple Inc.",
            Type = "CS",
            Market = "stocks",
            PrimaryExchange = "XNAS",
            Cik = "0000320193",
            CompositeFigi = "BBG000B9XRY4",
            ShareClassFigi = "BBG001S5N8V8",
            ListDate = new LocalDate(1980, 12, 12),
            Symbols = [new SymbolPeriod(new LocalDate(1980, 12, 12), "AAPL")],
            Splits =
            [
                new SplitEvent("E0000AAPL2005", new LocalDate(2005, 2, 28), 1, 2),
                new SplitEvent("E0000AAPL2014", new LocalDate(2014, 6, 9), 1, 7),
                new SplitEvent("E0000AAPL2020", new LocalDate(2020, 8, 31), 1, 4),
            ],
            Dividends = [],
            Profile = new PriceProfile(Math.Log(150), 0.018, 60_000_000, 1.0, 120, 15_000_000_000),
            SicCode = "3571",
            SicDescription = "ELECTRONIC COMPUTERS",
            TotalEmployees = 154000,
        };
        yield return new Listing
        {
            Id = firstId + 1,
            Name = "Meta Platforms, Inc. Class A Common Stock",
            Type = "CS",
            Market = "stocks",
            PrimaryExchange = "XNAS",
            Cik = "0001326801",
            CompositeFigi = "BBG000MM2P62",
            ShareClassFigi = "BBG001SQCQC0",
            ListDate = new LocalDate(2012, 5, 18),
            Symbols = [new SymbolPeriod(new LocalDate(2012, 5, 18), "FB"), new SymbolPeriod(new LocalDate(2022, 6, 9), "META")],
            Splits = [],
            Dividends = [],
            Profile = new PriceProfile(Math.Log(250), 0.022, 20_000_000, 1.0, 60, 2_500_000_000),
            SicCode = "7370",
            SicDescription = "SERVICES-COMPUTER PROGRAMMING, DATA PROCESSING, ETC.",
            TotalEmployees = 70000,
        };
    }
}
