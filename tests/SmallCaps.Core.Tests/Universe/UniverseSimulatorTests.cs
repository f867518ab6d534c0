using SmallCaps.Core.Input;
using SmallCaps.Core.Universe;
using SmallCaps.Parquet;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Universe;

public sealed class UniverseSimulatorTests
{
    [Fact]
    public async Task RunAsync_ApiWithDelistedAndCap_MatchesGroundTruth()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 1500, Seed = 11 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var expected = SimUniverse.Compute(sim.Truth, 2e9, includeDelisted: true);
        var request = new UniverseRequest
        {
            Options = new UniverseOptions { CapMax = 2e9, IncludeDelisted = true, Date = sim.Truth.AsOf },
            Today = sim.Truth.AsOf,
            Outdir = dir.Path,
            OutCsv = dir.Combine("u.csv"),
            OutParquet = dir.Combine("u.parquet"),
        };

        // When
        var (selection, output) = await SimUniverse.RunAsync(sim, request);

        // Then
        var f = selection.Funnel;
        Assert.Equal(expected.Total, f.Total);
        Assert.Equal(expected.AfterTypeAndExchange, f.AfterTypeAndExchange);
        Assert.Equal(expected.AfterPolicy, f.AfterDelistedPolicy);
        Assert.Equal(expected.AfterIdentity, f.AfterIdentity);
        Assert.Equal(expected.NoCap, f.ExcludedNoMarketCap);
        Assert.Equal(expected.AboveCap, f.ExcludedAtOrAboveCap);
        Assert.Equal(expected.Members.Select(m => m.Ticker), selection.Members.Select(m => m.Ticker));
        Assert.Contains(expected.Members, m => !m.Active);
        foreach (var (e, a) in expected.Members.Zip(selection.Members))
        {
            Assert.Equal(e.CompositeFigi, a.Listing.CompositeFigi);
            Assert.Equal(e.MarketCap, a.MarketCap!.Value, 1.0);
            Assert.Equal(e.Active ? sim.Truth.AsOf : ReferenceDates.LastActiveDate(e.DelistedDate!.Value), a.CapDate);
        }

        Assert.Contains("Final universe: " + expected.Members.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
        Assert.Equal(expected.Members.Select(m => m.Ticker), TickerListReader.Read(request.OutCsv).Tickers);
        using var parquet = ParquetFileReader.Open(request.OutParquet);
        Assert.Equal(expected.Members.Count, parquet.RowCount);
        Assert.True(parquet.IndexOf("market_cap_date") >= 0 && parquet.IndexOf("sic_description") >= 0 && parquet.IndexOf("share_class_figi") >= 0);
    }

    [Fact]
    public async Task RunAsync_SnapshotOfTheLake_GivesTheSameUniverseAsTheApi()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 800, Seed = 5 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var options = new UniverseOptions { CapMax = 1e9, IncludeDelisted = true, Date = sim.Truth.AsOf };
        var (api, _) = await SimUniverse.RunAsync(sim, new UniverseRequest { Options = options, Today = sim.Truth.AsOf, Outdir = dir.Path });

        // When
        using var output = new StringWriter();
        var snapshot = await new UniverseRunner(null, output).RunAsync(
            new UniverseRequest
            {
                Options = options with { Date = null },
                Today = new NodaTime.LocalDate(2030, 1, 1),
                SnapshotDirectory = ReferenceLake.PartitionDirectory(dir.Path, ReferenceLake.TickersDataset, sim.Truth.AsOf),
                DetailsPath = ReferenceLake.PartitionDirectory(dir.Path, ReferenceLake.DetailsDataset, sim.Truth.AsOf),
            },
            CancellationToken.None);

        // Then
        Assert.Equal(sim.Truth.AsOf, snapshot.Date);
        Assert.Equal(api.Funnel, snapshot.Funnel);
        Assert.Equal(api.Members.Select(m => (m.Ticker, m.MarketCap, m.CapDate)), snapshot.Members.Select(m => (m.Ticker, m.MarketCap, m.CapDate)));
    }

    [Fact]
    public async Task RunAsync_SecondRunOnTheSameLake_FetchesNoDetailsAgain()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 3 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var request = new UniverseRequest { Options = new UniverseOptions { IncludeDelisted = true }, Today = sim.Truth.AsOf, Outdir = dir.Path };
        var (first, firstOutput) = await SimUniverse.RunAsync(sim, request);
        var before = sim.RequestLog.Total;

        // When
        var (second, secondOutput) = await SimUniverse.RunAsync(sim, request);

        // Then
        Assert.DoesNotContain(", 0 fetched", firstOutput, StringComparison.Ordinal);
        Assert.Contains(", 0 fetched", secondOutput, StringComparison.Ordinal);
        Assert.Equal(before, sim.RequestLog.Total);
        Assert.Equal(first.Members.Select(m => m.Ticker), second.Members.Select(m => m.Ticker));
    }

    [Fact]
    public async Task RunAsync_WithCorporateActions_WritesSplitsDividendsAndEvents()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 9 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var request = new UniverseRequest { Options = new UniverseOptions { IncludeDelisted = true }, Today = sim.Truth.AsOf, Outdir = dir.Path, FetchCorporateActions = true };

        // When
        var (selection, _) = await SimUniverse.RunAsync(sim, request);

        // Then
        var expectedSplits = selection.Members.Sum(m => sim.Truth.Splits(m.Ticker).Count);
        using var splits = ParquetFileReader.Open(ReferenceLake.PartFile(dir.Path, ReferenceLake.SplitsDataset, sim.Truth.AsOf));
        Assert.Equal(expectedSplits, splits.RowCount);
        Assert.True(File.Exists(ReferenceLake.PartFile(dir.Path, ReferenceLake.DividendsDataset, sim.Truth.AsOf)));
        using var events = ParquetFileReader.Open(ReferenceLake.PartFile(dir.Path, ReferenceLake.TickerEventsDataset, sim.Truth.AsOf));
        Assert.True(events.RowCount >= selection.Members.Count);
    }
}
