using SmallCaps.Core.Input;
using SmallCaps.Core.Universe;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Universe;

public sealed class TickerCaseTwinsTests
{
    [Fact]
    public async Task RunAsync_SnapshotWithTickersDifferingOnlyInCase_WritesACsvTheIngestReadsAndWarnsNamingBoth()
    {
        // Given: ZZp and ZZP, two common stocks under the cap (ZZp listed first), plus an ordinary name
        using var dir = new TempDirectory();
        var folder = dir.Combine("tickers_snapshot", "snapshot_date=2026-06-30");
        var details = await LocalSnapshot.WriteAsync(
            folder,
            [LocalSnapshot.Listing("ZZp", "BBG0000000P1"), LocalSnapshot.Listing("ZZP", "BBG0000000P2"), LocalSnapshot.Listing("AAA", "BBG0000000A1")],
            [LocalSnapshot.Details("ZZp", "BBG0000000P1", 3e8, "2001-03-01"), LocalSnapshot.Details("ZZP", "BBG0000000P2", 4e8, "2023-02-27"), LocalSnapshot.Details("AAA", "BBG0000000A1", 5e8, "1999-01-04")],
            dir.Combine("details.parquet"));
        var request = new UniverseRequest
        {
            Options = new UniverseOptions { CapMax = 2e9 }, Today = new NodaTime.LocalDate(2026, 7, 1), SnapshotDirectory = folder, DetailsPath = details, OutCsv = dir.Combine("u.csv"),
        };

        // When
        var (outcome, output, warnings) = await LocalSnapshot.RunAsync(request);

        // Then: the earlier listed one is kept (the duplicate-ticker order), counted and named in one warning line
        Assert.Equal(["AAA", "ZZp"], outcome.Selection!.Members.Select(m => m.Ticker));
        Assert.Equal(1, outcome.Selection.Funnel.ExcludedCaseTwins);
        Assert.Equal(2, outcome.Selection.Funnel.Final);
        Assert.Equal("warning: tickers ZZp and ZZP differ only in case, which the ingest verbs refuse in one CSV (Windows and macOS would give both one folder); kept ZZp, left out ZZP", warnings.Trim());
        Assert.Contains("excluded 1 differing only in case from a kept ticker", output, StringComparison.Ordinal);
        Assert.Equal(["AAA", "ZZp"], TickerListReader.Read(request.OutCsv).Tickers);
    }

    [Fact]
    public async Task RunAsync_CaseTwinAboveTheCap_KeepsTheOtherWithoutWarning()
    {
        // Given: ZZP is above the cap, so only ZZp reaches the CSV
        using var dir = new TempDirectory();
        var folder = dir.Combine("snapshot_date=2026-06-30");
        var details = await LocalSnapshot.WriteAsync(
            folder,
            [LocalSnapshot.Listing("ZZp", "BBG0000000P1"), LocalSnapshot.Listing("ZZP", "BBG0000000P2")],
            [LocalSnapshot.Details("ZZp", "BBG0000000P1", 3e9, "2001-03-01"), LocalSnapshot.Details("ZZP", "BBG0000000P2", 4e8, "2023-02-27")],
            dir.Combine("details.parquet"));

        // When
        var (outcome, _, warnings) = await LocalSnapshot.RunAsync(new UniverseRequest
        {
            Options = new UniverseOptions { CapMax = 2e9 }, Today = new NodaTime.LocalDate(2026, 7, 1), SnapshotDirectory = folder, DetailsPath = details,
        });

        // Then
        Assert.Equal("ZZP", Assert.Single(outcome.Selection!.Members).Ticker);
        Assert.Equal(0, outcome.Selection.Funnel.ExcludedCaseTwins);
        Assert.Empty(warnings);
    }
}
