using NodaTime;
using SmallCaps.Core.Universe;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Universe;

public sealed class SnapshotSourceTests
{
    private static readonly LocalDate Past = new(2015, 6, 30);

    private static UniverseRequest PastUniverse(TempDirectory dir, string folder, string details) => new()
    {
        Options = new UniverseOptions { CapMax = 5e8, IncludeDelisted = true, Date = Past },
        Today = new LocalDate(2026, 7, 1),
        SnapshotDirectory = folder,
        DetailsPath = details,
        OutParquet = dir.Combine("u.parquet"),
    };

    [Fact]
    public async Task RunAsync_SeedsDetailsWithoutDatesAndAPastDate_SaysTheCapIsOfTheSnapshotDateWarnsAndDropsNamesListedLater()
    {
        // Given: the seeds' layout (undated details, snapshot_date= on the tickers folder); NEW listed years after --date
        using var dir = new TempDirectory();
        var folder = dir.Combine("tickers_snapshot", "snapshot_date=2026-06-30");
        var details = await LocalSnapshot.WriteAsync(
            folder,
            [LocalSnapshot.Listing("OLD", "BBG0000000O1"), LocalSnapshot.Listing("NEW", "BBG0000000N1")],
            [LocalSnapshot.Details("OLD", "BBG0000000O1", 3e8, "2001-03-01"), LocalSnapshot.Details("NEW", "BBG0000000N1", 2e8, "2023-02-27")],
            dir.Combine("details", "details.parquet"));

        // When
        var (outcome, _, warnings) = await LocalSnapshot.RunAsync(PastUniverse(dir, folder, details));

        // Then: the cap is dated as of the snapshot, not the date asked; NEW is not in a 2015 universe
        var member = Assert.Single(outcome.Selection!.Members);
        Assert.Equal("OLD", member.Ticker);
        Assert.Equal(new LocalDate(2026, 6, 30), member.MarketCapDate);
        Assert.Equal("2026-06-30", Assert.Single(SnapshotFiles.ReadTickers(dir.Combine("u.parquet"))).MarketCapDate);
        Assert.Equal(1, outcome.Selection.Funnel.ExcludedListedAfterDate);
        Assert.Equal(
            "warning: 1 of 1 market caps are not of the date they are taken at (2015-06-30, or a delisted name's last session): 1 of 2026-06-30; the cap filter used them as they are, and market_cap_date gives the date of each",
            warnings.Trim());
    }

    [Fact]
    public async Task RunAsync_DatedDetailsOfAnotherDate_UsesTheirCapsWithTheirDateInsteadOfCountingNoCap()
    {
        // Given: lake-shaped details (market_cap_date column): the active name only as of 2026, the delisted one on its last session
        using var dir = new TempDirectory();
        var folder = dir.Combine("snapshot_date=2026-06-30");
        var details = await LocalSnapshot.WriteAsync(
            folder,
            [LocalSnapshot.Listing("ACT", "BBG0000000A1"), LocalSnapshot.Listing("GONE", "BBG0000000G1", active: false, delisted: "2010-03-25T00:00:00Z")],
            [LocalSnapshot.Details("ACT", "BBG0000000A1", 3e8, "2001-03-01", "2026-06-30"), LocalSnapshot.Details("GONE", "BBG0000000G1", 1e8, "1996-09-06", "2010-03-24")],
            dir.Combine("details_snapshot_date=2026-06-30.parquet"));

        // When
        var (outcome, _, warnings) = await LocalSnapshot.RunAsync(PastUniverse(dir, folder, details));

        // Then
        var selection = outcome.Selection!;
        Assert.Equal(0, selection.Funnel.ExcludedNoMarketCap);
        Assert.Equal(["ACT", "GONE"], selection.Members.Select(m => m.Ticker));
        Assert.Equal([new LocalDate(2026, 6, 30), new LocalDate(2010, 3, 24)], selection.Members.Select(m => m.MarketCapDate));
        Assert.Contains("1 of 2 market caps are not of the date they are taken at (2015-06-30, or a delisted name's last session): 1 of 2026-06-30;", warnings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SymbolReusedLater_JoinsEachSecurityToItsOwnDetailsAndKeepsTheOneListedOnTheDate()
    {
        // Given: BXX was Marpax until 2010; another security took the symbol in 2019 (its details give that list date)
        using var dir = new TempDirectory();
        var folder = dir.Combine("snapshot_date=2026-06-30");
        var details = await LocalSnapshot.WriteAsync(
            folder,
            [LocalSnapshot.Listing("BXX", "BBG0000MARPX", active: false, delisted: "2010-03-25T00:00:00Z"), LocalSnapshot.Listing("BXX", "BBG0000PAXFX"), LocalSnapshot.Listing("ACT", "BBG0000000A1")],
            [
                LocalSnapshot.Details("BXX", "BBG0000MARPX", 1e8, "1996-09-06", "2010-03-24"),
                LocalSnapshot.Details("BXX", "BBG0000PAXFX", 2e8, "2019-05-09", "2026-06-30"),
                LocalSnapshot.Details("ACT", "BBG0000000A1", 3e8, "2001-03-01", "2015-06-30"),
            ],
            dir.Combine("details.parquet"));

        // When
        var (outcome, _, _) = await LocalSnapshot.RunAsync(PastUniverse(dir, folder, details));

        // Then
        var selection = outcome.Selection!;
        var bxx = selection.Members.Single(m => m.Ticker == "BXX");
        Assert.Equal("BBG0000MARPX", bxx.Listing.CompositeFigi);
        Assert.Equal((1e8, new LocalDate(2010, 3, 24)), (bxx.MarketCap!.Value, bxx.MarketCapDate!.Value));
        Assert.Equal(1, selection.Funnel.ExcludedListedAfterDate);
        Assert.Equal(0, selection.Funnel.ExcludedNoMarketCap);
    }

    [Fact]
    public async Task RunAsync_UndatedDetailsInFoldersWithoutADate_LeavesTheCapDateEmpty()
    {
        // Given
        using var dir = new TempDirectory();
        var folder = dir.Combine("snap");
        var details = await LocalSnapshot.WriteAsync(folder, [LocalSnapshot.Listing("OLD", "BBG0000000O1")], [LocalSnapshot.Details("OLD", "BBG0000000O1", 3e8, "2001-03-01")], dir.Combine("details.parquet"));

        // When
        var (outcome, _, warnings) = await LocalSnapshot.RunAsync(PastUniverse(dir, folder, details));

        // Then
        Assert.Null(Assert.Single(outcome.Selection!.Members).MarketCapDate);
        Assert.Null(Assert.Single(SnapshotFiles.ReadTickers(dir.Combine("u.parquet"))).MarketCapDate);
        Assert.Contains("1 of an unknown date", warnings, StringComparison.Ordinal);
    }
}
