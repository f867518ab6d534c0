using NodaTime;
using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Universe;

namespace SmallCaps.Core.Tests.Universe;

public sealed class UniverseSelectorTests
{
    private static readonly LocalDate Date = new(2025, 10, 17);

    private static TickerRecord Row(string ticker, string? figi, bool active = true, string? delisted = null, string? cik = null, string type = "CS", string exchange = "XNAS", double? cap = null, string? listDate = null) => new()
    {
        Ticker = ticker, CompositeFigi = figi, Active = active, DelistedUtc = delisted, Cik = cik, Type = type, PrimaryExchange = exchange, MarketCap = cap, ListDate = listDate,
    };

    [Fact]
    public void Screen_RenamedTickerWithOneFigi_KeepsOneIdentityWithBothTickers()
    {
        // Given: the old symbol listed as delisted on the rename date, the new one active, same composite FIGI
        var rows = new[] { Row("FB", "BBG000MM2P62", active: false, delisted: "2022-06-09T00:00:00Z", listDate: "2012-05-18"), Row("META", "BBG000MM2P62") };

        // When
        var screen = UniverseSelector.Screen(rows, Date, new UniverseOptions { IncludeDelisted = true });

        // Then
        var only = Assert.Single(screen.Candidates);
        Assert.Equal("META", only.Ticker);
        Assert.Equal(1, screen.MergedSameIdentity);
        Assert.Equal(["FB", "META"], only.Tickers.Select(t => t.Ticker));
        Assert.Equal(new LocalDate(2022, 6, 9), only.Tickers[0].To);
        Assert.Equal("FB:2012-05-18..2022-06-09;META:2022-06-09..", string.Join(';', only.Tickers));
    }

    [Fact]
    public void Finish_DuplicatedTicker_ResolvesToTheIdentityTheDetailsName()
    {
        // Given: two active securities show XYZ; details of XYZ name the second one
        var rows = new[] { Row("XYZ", "BBG000000001", listDate: "2001-01-02"), Row("XYZ", "BBG000000002", listDate: "2010-01-04") };
        var screen = UniverseSelector.Screen(rows, Date, new UniverseOptions());
        var details = new Dictionary<DetailsRequest, TickerRecord> { [new DetailsRequest("XYZ", Date)] = Row("XYZ", "BBG000000002", cap: 5e8) };

        // When
        var selection = UniverseSelector.Finish(screen, details, new UniverseOptions { CapMax = 2e9 });

        // Then
        var member = Assert.Single(selection.Members);
        Assert.Equal("BBG000000002", member.Listing.CompositeFigi);
        Assert.Equal(1, selection.Funnel.ExcludedDuplicateTicker);
        Assert.Equal(5e8, member.MarketCap);
    }

    [Fact]
    public void Finish_DuplicatedTickerWithoutDetails_KeepsTheActiveThenEarliestListed()
    {
        // Given: a delisted and two active securities under one symbol, no details at all
        var rows = new[]
        {
            Row("ABC", "BBG000000003", active: false, delisted: "2015-03-02T00:00:00Z"),
            Row("ABC", "BBG000000004", listDate: "2019-05-01"),
            Row("ABC", "BBG000000005", listDate: "2018-05-01"),
        };
        var screen = UniverseSelector.Screen(rows, Date, new UniverseOptions { IncludeDelisted = true });

        // When
        var selection = UniverseSelector.Finish(screen, new Dictionary<DetailsRequest, TickerRecord>(), new UniverseOptions());

        // Then
        Assert.Equal("BBG000000005", Assert.Single(selection.Members).Listing.CompositeFigi);
        Assert.Equal(2, selection.Funnel.ExcludedDuplicateTicker);
    }

    [Fact]
    public void Screen_DelistedName_TakesItsCapAtTheLastSessionBeforeDelisting()
    {
        // Given: delisted on Tuesday 2024-07-09 (Monday 07-08 was its last session)... and a Monday delisting after a holiday weekend
        var rows = new[] { Row("OLD", "BBG000000006", active: false, delisted: "2024-07-09T00:00:00Z"), Row("HOL", "BBG000000007", active: false, delisted: "2024-07-08T00:00:00Z") };

        // When
        var screen = UniverseSelector.Screen(rows, Date, new UniverseOptions { IncludeDelisted = true });

        // Then
        Assert.Equal(new LocalDate(2024, 7, 8), screen.Candidates.Single(c => c.Ticker == "OLD").CapDate);
        Assert.Equal(new LocalDate(2024, 7, 5), screen.Candidates.Single(c => c.Ticker == "HOL").CapDate);
    }

    [Fact]
    public void Screen_WithoutIncludeDelisted_DropsDelistedAndCountsThem()
    {
        // Given
        var rows = new[] { Row("A", "F1"), Row("B", "F2", active: false, delisted: "2020-01-02T00:00:00Z"), Row("C", "F3", type: "ETF"), Row("D", "F4", exchange: "XASE") };

        // When
        var screen = UniverseSelector.Screen(rows, Date, new UniverseOptions());

        // Then
        Assert.Equal(4, screen.Total);
        Assert.Equal(2, screen.AfterTypeAndExchange);
        Assert.Equal(1, screen.ExcludedDelisted);
        Assert.Equal("A", Assert.Single(screen.Candidates).Ticker);
    }

    [Fact]
    public void Screen_DateBeforeDelisting_CountsTheNameAsActive()
    {
        // Given: delisted in 2024, universe asked as of 2023
        var rows = new[] { Row("GONE", "F9", active: false, delisted: "2024-02-01T00:00:00Z") };

        // When
        var screen = UniverseSelector.Screen(rows, new LocalDate(2023, 6, 30), new UniverseOptions());

        // Then
        var c = Assert.Single(screen.Candidates);
        Assert.True(c.Active);
        Assert.Equal(new LocalDate(2023, 6, 30), c.CapDate);
    }

    [Fact]
    public void Screen_TwoClassesOfOneCikWithoutFigi_StayTwoIdentities()
    {
        // Given: BRK.A and BRK.B, same CIK, no FIGIs, both listed; plus an old symbol of the same CIK delisted
        var rows = new[] { Row("BRK.A", null, cik: "0001067983"), Row("BRK.B", null, cik: "0001067983"), Row("NA", null, cik: "0000000042", active: false, delisted: "2020-01-02T00:00:00Z"), Row("NULL", null, cik: "0000000042") };

        // When
        var screen = UniverseSelector.Screen(rows, Date, new UniverseOptions { IncludeDelisted = true });

        // Then: the two classes stay apart, the old symbol folds into its successor
        Assert.Equal(["BRK.A", "BRK.B", "NULL"], screen.Candidates.Select(c => c.Ticker).Order(StringComparer.Ordinal));
        Assert.Equal(1, screen.MergedSameIdentity);
        Assert.Equal(["NA", "NULL"], screen.Candidates.Single(c => c.Ticker == "NULL").Tickers.Select(t => t.Ticker));
    }

    [Fact]
    public void Screen_TypesInLowerCase_MatchTheVendorsUpperCaseCodes()
    {
        // Given
        var rows = new[] { Row("A", "F1"), Row("B", "F2", type: "ETF") };

        // When
        var screen = UniverseSelector.Screen(rows, Date, new UniverseOptions { Types = ["cs"], Exchanges = ["xnas"] });

        // Then
        Assert.Equal("A", Assert.Single(screen.Candidates).Ticker);
    }

    [Fact]
    public void Screen_TypeNoRowHas_ThrowsOneLineNamingItAndTheTypesThereAre()
    {
        // Given
        var rows = new[] { Row("A", "F1"), Row("B", "F2", type: "ETF") };

        // When
        var ex = Assert.Throws<UniverseInputException>(() => UniverseSelector.Screen(rows, Date, new UniverseOptions { Types = ["CS", "ZZZ"] }));

        // Then
        Assert.Equal("--types ZZZ: no ticker of the snapshot has this type (its types: CS, ETF)", ex.Message);
    }

    [Fact]
    public void KeyOf_NoFigi_FallsBackToCikThenTicker()
    {
        Assert.Equal("figi:F1", IdentityRule.KeyOf(Row("A", "F1", cik: "0000320193")));
        Assert.Equal("cik:0000320193", IdentityRule.KeyOf(Row("A", null, cik: "0000320193")));
        Assert.Equal("ticker:A", IdentityRule.KeyOf(Row("A", null)));
    }
}
