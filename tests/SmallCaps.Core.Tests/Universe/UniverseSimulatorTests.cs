using SmallCaps.Core.Input;
using SmallCaps.Core.Universe;
using SmallCaps.Parquet;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Universe;

public sealed class UniverseSimulatorTests
{
    [Theory]
    [InlineData("2026-06-30")]
    [InlineData("2019-03-15")]
    public async Task RunAsync_ApiWithDelistedAndCap_MatchesGroundTruth(string asOf)
    {
        // Given: a chosen date (the server's today, or years before it)
        var date = NodaTime.Text.LocalDatePattern.Iso.Parse(asOf).Value;
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 2500, Seed = 11 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var expected = SimUniverse.Compute(sim.Truth, date, 2e9, includeDelisted: true);
        var request = new UniverseRequest
        {
            Options = new UniverseOptions { CapMax = 2e9, IncludeDelisted = true, Date = date },
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
        Assert.Equal(expected.Members.Select(m => m.Ticker.Ticker), selection.Members.Select(m => m.Ticker));
        Assert.Contains(expected.Members, m => !m.Ticker.Active);
        Assert.True(expected.DuplicateTickers > 0, "the seed should hold symbols shown by several securities");
        Assert.Equal(expected.DuplicateTickers, f.ExcludedDuplicateTicker);
        foreach (var (e, a) in expected.Members.Zip(selection.Members))
        {
            Assert.Equal(e.Ticker.CompositeFigi, a.Listing.CompositeFigi);
            Assert.Equal(e.Ticker.Cik, a.Listing.Cik);
            Assert.Equal(e.Ticker.ShareClassFigi, a.Listing.ShareClassFigi);
            Assert.Equal(e.Ticker.SicCode, a.Details!.SicCode);
            Assert.Equal(e.MarketCap, a.MarketCap);
            Assert.Equal(e.CapDate, a.CapDate);
        }

        Assert.Contains("Final universe: " + expected.Members.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
        Assert.Equal(expected.Members.Select(m => m.Ticker.Ticker), TickerListReader.Read(request.OutCsv).Tickers);
        using var parquet = ParquetFileReader.Open(request.OutParquet);
        Assert.Equal(expected.Members.Count, parquet.RowCount);
        Assert.True(parquet.IndexOf("market_cap_date") >= 0 && parquet.IndexOf("sic_description") >= 0 && parquet.IndexOf("share_class_figi") >= 0);
    }

    [Fact]
    public async Task RunAsync_OutCsvHeldAtTheEnd_KeepsTheUniverseBesideItWritesTheParquetAndSaysWhere()
    {
        // Given: --out-csv cannot be replaced when the selection is done (a folder stands in for a CSV open in Excel)
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 7 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var csv = dir.Combine("u.csv");
        Directory.CreateDirectory(Path.Combine(csv, "held"));
        var request = new UniverseRequest
        {
            Options = new UniverseOptions { CapMax = 2e9, IncludeDelisted = true },
            Today = sim.Truth.AsOf,
            OutCsv = csv,
            OutParquet = dir.Combine("u.parquet"),
        };

        // When: before the fix the run died with an UnauthorizedAccess/IO exception and wrote neither output
        var ex = await Assert.ThrowsAsync<SmallCaps.Core.Output.ResultNotReplacedException>(() => SimUniverse.RunOutcomeAsync(sim, request));

        // Then: the selection is kept next to the target, the Parquet is written, and the message names both CSV files
        var kept = Assert.Single(Directory.GetFiles(dir.Path, "u.new-*.csv"));
        Assert.Equal(kept, ex.KeptAt);
        Assert.Contains($"could not replace {csv}", ex.Message, StringComparison.Ordinal);
        var tickers = TickerListReader.Read(kept).Tickers;
        Assert.NotEmpty(tickers);
        using var parquet = ParquetFileReader.Open(dir.Combine("u.parquet"));
        Assert.Equal(tickers.Count, parquet.RowCount);
    }

    [Fact]
    public async Task RunAsync_OutputsAndLake_ReadByDuckDbWithOneLine()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 12 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var parquet = dir.Combine("u.parquet");
        var (selection, _) = await SimUniverse.RunAsync(sim, new UniverseRequest
        {
            Options = new UniverseOptions { IncludeDelisted = true, CapMax = 2e9 }, Today = sim.Truth.AsOf, Outdir = dir.Path, OutParquet = parquet,
        });

        // When
        var universe = await NodeOracle.RunScriptAsync("duckdb-query.mjs", [$"SELECT ticker, market_cap_date::VARCHAR AS d, active FROM read_parquet('{parquet}') ORDER BY ticker"]);
        var details = await NodeOracle.RunScriptAsync("duckdb-query.mjs", [$"SELECT count(*)::VARCHAR AS n, min(snapshot_date)::VARCHAR AS s FROM read_parquet('{dir.Path}/reference/details/*/*.parquet', hive_partitioning=true)"]);

        // Then
        using var u = System.Text.Json.JsonDocument.Parse(universe);
        var rows = u.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(selection.Members.Select(m => m.Ticker), rows.Select(r => r.GetProperty("ticker").GetString()));
        Assert.Equal(selection.Members.Select(m => ReferenceDates.Format(m.CapDate)), rows.Select(r => r.GetProperty("d").GetString()));
        using var d = System.Text.Json.JsonDocument.Parse(details);
        var row = d.RootElement.GetProperty("rows")[0];
        Assert.Equal("2026-06-30", row.GetProperty("s").GetString());
        Assert.True(int.Parse(row.GetProperty("n").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= selection.Funnel.AfterIdentity);
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
        var snapshot = (await new UniverseRunner(null, output).RunAsync(
            new UniverseRequest
            {
                Options = options with { Date = null },
                Today = new NodaTime.LocalDate(2030, 1, 1),
                SnapshotDirectory = ReferenceLake.PartitionDirectory(dir.Path, ReferenceLake.TickersDataset, sim.Truth.AsOf),
                DetailsPath = ReferenceLake.PartitionDirectory(dir.Path, ReferenceLake.DetailsDataset, sim.Truth.AsOf),
            },
            CancellationToken.None)).Selection!;

        // Then
        Assert.Equal(sim.Truth.AsOf, snapshot.Date);
        Assert.Equal(api.Funnel, snapshot.Funnel);
        Assert.Equal(api.Members.Select(m => (m.Ticker, m.MarketCap, m.CapDate)), snapshot.Members.Select(m => (m.Ticker, m.MarketCap, m.CapDate)));
    }

    [Fact]
    public async Task RunAsync_SnapshotOfALakeWithTickerEvents_GivesTheSameTickerHistoryAsTheApi()
    {
        // Given: an API run that fetched ticker events (renamed members such as FB → META)
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 9 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var options = new UniverseOptions { IncludeDelisted = true, Date = sim.Truth.AsOf };
        var (api, _) = await SimUniverse.RunAsync(sim, new UniverseRequest { Options = options, Today = sim.Truth.AsOf, Outdir = dir.Path, FetchCorporateActions = true });

        // When
        using var output = new StringWriter();
        var snapshot = (await new UniverseRunner(null, output).RunAsync(
            new UniverseRequest
            {
                Options = options,
                Today = sim.Truth.AsOf,
                SnapshotDirectory = ReferenceLake.PartitionDirectory(dir.Path, ReferenceLake.TickersDataset, sim.Truth.AsOf),
                DetailsPath = ReferenceLake.PartitionDirectory(dir.Path, ReferenceLake.DetailsDataset, sim.Truth.AsOf),
            },
            CancellationToken.None)).Selection!;

        // Then
        Assert.Contains(api.Members, m => m.Tickers.Count > 1);
        Assert.Equal(api.Members.Select(m => (m.Ticker, string.Join(';', m.Tickers))), snapshot.Members.Select(m => (m.Ticker, string.Join(';', m.Tickers))));
    }

    [Fact]
    public async Task RunAsync_SeedsLayoutResavedByDuckDbWithZstd_GivesTheSameUniverseAsTheApi()
    {
        // Given: the API run's snapshot re-saved by a foreign writer, ZSTD, in the seeds' folders and file names
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 800, Seed = 6 }, CancellationToken.None);
        using var dir = new TempDirectory();
        var options = new UniverseOptions { CapMax = 2e9, IncludeDelisted = true, Date = sim.Truth.AsOf };
        var (api, _) = await SimUniverse.RunAsync(sim, new UniverseRequest { Options = options, Today = sim.Truth.AsOf, Outdir = dir.Path });
        var snapdir = dir.Combine("tickers_snapshot", "snapshot_date=2026-06-30");
        var detailsFile = dir.Combine("ticker_details", "as_of_date=2026-06-30", "details.parquet");
        Directory.CreateDirectory(snapdir);
        Directory.CreateDirectory(Path.GetDirectoryName(detailsFile)!);
        static string Copy(string from, string to) =>
            $"COPY (SELECT * FROM read_parquet('{from.Replace("'", "''", StringComparison.Ordinal)}')) TO '{to.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet, COMPRESSION zstd);";
        await NodeOracle.RunScriptAsync("duckdb-query.mjs", [
            Copy(Path.Combine(ReferenceLake.PartitionDirectory(dir.Path, ReferenceLake.TickersDataset, sim.Truth.AsOf), "*.parquet"), Path.Combine(snapdir, "tickers.parquet"))
            + Copy(Path.Combine(ReferenceLake.PartitionDirectory(dir.Path, ReferenceLake.DetailsDataset, sim.Truth.AsOf), "*.parquet"), detailsFile)]);

        // When
        using var output = new StringWriter();
        var snapshot = (await new UniverseRunner(null, output).RunAsync(
            new UniverseRequest { Options = options with { Date = null }, Today = new NodaTime.LocalDate(2030, 1, 1), SnapshotDirectory = snapdir, DetailsPath = detailsFile },
            CancellationToken.None)).Selection!;

        // Then
        using (var reader = ParquetFileReader.Open(detailsFile))
        {
            Assert.Equal("ZSTD", reader.RowGroups[0].Columns[0].Codec);
        }

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
    public async Task RunAsync_OneDetailsChunkFails_NoUniverseWrittenAndTheRerunFetchesOnlyThatChunk()
    {
        // Given: chunks of 50 details; every details answer for one member is 500 (retries run out)
        using var dir = new TempDirectory();
        var request = new UniverseRequest
        {
            Options = new UniverseOptions { IncludeDelisted = true, CapMax = 2e9 },
            Today = new NodaTime.LocalDate(2026, 6, 30),
            Outdir = dir.Path,
            OutCsv = dir.Combine("u.csv"),
            ChunkSize = 50,
        };
        var options = new SimulatorOptions { UniverseSize = 1500, Seed = 14 };
        await using var healthy = await SimulatorHost.StartAsync(options, CancellationToken.None);
        var victim = ReferenceLedgerTests.TickerWithoutPrefixSiblings(healthy, SimUniverse.Compute(healthy.Truth, healthy.Truth.AsOf, 2e9, includeDelisted: true).Members.Select(m => m.Ticker.Ticker));
        var faulty = new SimulatorOptions { UniverseSize = 1500, Seed = 14 };
        faulty.FaultRules.Add(SmallCaps.Simulator.Faults.FaultRule.Parse($"500:/v3/reference/tickers/{victim}@1+100000"));
        await using (var sim = await SimulatorHost.StartAsync(faulty, CancellationToken.None))
        {
            var (failed, _) = await SimUniverse.RunOutcomeAsync(sim, request);
            Assert.Equal(SmallCaps.Core.Ingest.ExitCodes.SomeFailed, failed.ExitCode);
            Assert.Null(failed.Selection);
            Assert.Contains("the ticker details is incomplete", failed.Failure, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(request.OutCsv), "no universe is written from incomplete details");
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
        var failedChunk = ReferenceLedgerTests.Tasks(dir.Path, ReferenceLake.DetailsDataset).Single(t => t.Task.State == SmallCaps.Core.Ledger.TaskState.Failed);
        Assert.Contains(failedChunk.Members, m => m.StartsWith(victim + "|", StringComparison.Ordinal));
        Assert.Contains("500", failedChunk.Task.LastError, StringComparison.Ordinal);

        // When
        var (resumed, output) = await SimUniverse.RunAsync(healthy, request);

        // Then: only the failed chunk's members are asked again
        Assert.Equal(failedChunk.Members.Count, healthy.RequestLog.CountRecent("/v3/reference/tickers/"));
        Assert.Equal(0, healthy.RequestLog.CountRecent("/v3/reference/tickers?"));
        var cached = int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"needed, ([\d,]+) from the lake").Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(cached > 0, output);
        var expected = SimUniverse.Compute(healthy.Truth, healthy.Truth.AsOf, 2e9, includeDelisted: true);
        Assert.Equal(expected.Members.Select(m => (m.Ticker.Ticker, m.MarketCap)), resumed.Members.Select(m => (m.Ticker, m.MarketCap!.Value)));
        ReferenceLedgerTests.AssertLedgerMatchesFiles(dir.Path, ReferenceLake.DetailsDataset);
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
        Assert.Equal(expectedSplits, SimUniverse.RowCount(dir.Path, ReferenceLake.SplitsDataset, sim.Truth.AsOf));
        Assert.NotEmpty(ReferenceLake.PartFiles(dir.Path, ReferenceLake.DividendsDataset, sim.Truth.AsOf));
        Assert.True(SimUniverse.RowCount(dir.Path, ReferenceLake.TickerEventsDataset, sim.Truth.AsOf) >= selection.Members.Count);
        var meta = selection.Members.Single(m => m.Ticker == "META");
        Assert.Equal("FB:2012-05-18..2022-06-09;META:2022-06-09..", string.Join(';', meta.Tickers));
        var renamed = sim.Truth.Tickers().Where(t => t.PreviousTickers.Count > 0 && selection.Members.Any(m => m.Listing.CompositeFigi == t.CompositeFigi)).ToList();
        Assert.NotEmpty(renamed);
        foreach (var t in renamed)
        {
            var member = selection.Members.Single(m => m.Listing.CompositeFigi == t.CompositeFigi);
            Assert.Equal([.. t.PreviousTickers, t.Ticker], member.Tickers.Select(i => i.Ticker));
        }
    }
}
