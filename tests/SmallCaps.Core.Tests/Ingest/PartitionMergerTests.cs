using NodaTime;
using Serilog;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Verify;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Truth;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ingest;

public sealed class PartitionMergerTests
{
    private static readonly LocalDate From = new(2021, 1, 1);

    public enum KilledAt
    {
        /// <summary>The merge was journalled; its file still had its temp name.</summary>
        BeforeRename,

        /// <summary>The merged file was renamed in; the ledger still held the sources.</summary>
        AfterRename,

        /// <summary>The ledger held the merged window; one source file was still there.</summary>
        AfterSwap,
    }

    [Fact]
    public async Task Ingest_NightlyExtensions_OneFilePerPartitionEqualToTruth()
    {
        // Given: a first run, then three later --to, as a nightly scheduled task would do (minute bars, into the next year)
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 13 });
        using var dir = new TempDirectory();
        var tickers = Traded(sim, 3);
        var from = new LocalDate(2021, 10, 1);
        var ends = new[] { new LocalDate(2021, 11, 30), new LocalDate(2021, 12, 3), new LocalDate(2021, 12, 6), new LocalDate(2022, 1, 4) };

        // When
        var outcomes = new List<IngestOutcome>();
        foreach (var end in ends)
        {
            outcomes.Add(await SimIngest.RunAsync(sim, dir.Path, BarDataset.Minute, tickers, from, end));
        }

        // Then: each ticker-year (under 65,536 bars) is one file named after its whole window, the bars are the truth, the ledger agrees
        Assert.Equal(new MergeTally(0, 0, 0), outcomes[0].Merged);
        Assert.All(outcomes.Skip(1), o => Assert.Equal(new MergeTally(3, 6, 0), o.Merged));
        Assert.EndsWith(", merged 6 files into 3", IngestSummary.OneLine(outcomes[1]), StringComparison.Ordinal);
        Assert.DoesNotContain("merged", IngestSummary.OneLine(outcomes[0]), StringComparison.Ordinal);
        foreach (var ticker in tickers)
        {
            Assert.Equal(
                ["part-20211001-20211231.parquet", "part-20220101-20220104.parquet"],
                BarFiles(dir.Path, BarDataset.Minute, ticker).Select(Path.GetFileName));
            SimIngest.AssertEqualsTruth(sim, dir.Path, BarDataset.Minute, ticker, from, ends[^1]);
        }

        using var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System);
        var tasks = ledger.Tasks(BarDataset.Minute.Name);
        Assert.Equal(tickers.Count * 2, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(TaskState.Done, t.State));
        Assert.Empty(ledger.Merges(BarDataset.Minute.Name));
        Assert.Empty(LakeRows.TempFiles(dir.Path));
    }

    [Fact]
    public async Task Ingest_SameRangeAfterMerge_FetchesNothing()
    {
        // Given: daily bars extended once, so merged
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 13 });
        using var dir = new TempDirectory();
        var tickers = Traded(sim, 2);
        await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, From, new LocalDate(2021, 6, 30));
        await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, From, new LocalDate(2021, 7, 9));
        var requests = sim.RequestLog.Total;
        var splitChecks = sim.RequestLog.CountRecent("/v3/reference/splits");

        // When: the same range again
        var again = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, From, new LocalDate(2021, 7, 9));

        // Then: the merged window covers the range: no task, no bar request (only the check for new splits), one file each
        Assert.Equal(0, again.Final.Planned);
        Assert.Equal(requests + 1, sim.RequestLog.Total);
        Assert.Equal(splitChecks + 1, sim.RequestLog.CountRecent("/v3/reference/splits"));
        Assert.All(tickers, t => Assert.Single(BarFiles(dir.Path, BarDataset.Daily, t)));
    }

    [Theory]
    [InlineData(KilledAt.BeforeRename)]
    [InlineData(KilledAt.AfterRename)]
    [InlineData(KilledAt.AfterSwap)]
    public async Task Recover_KilledMidMerge_LakeIsTheTruthAndOneWindowHoldsEachBar(KilledAt killedAt)
    {
        // Given: two daily windows per ticker, not merged, and the state a kill leaves at one step of the merge
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 13 });
        using var dir = new TempDirectory();
        var tickers = Traded(sim, 2);
        var end = new LocalDate(2021, 7, 9);
        await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, From, new LocalDate(2021, 6, 30), merge: false);
        await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, From, end, merge: false);
        var ticker = tickers[0];
        var sources = BarFiles(dir.Path, BarDataset.Daily, ticker);
        Assert.Equal(2, sources.Count);
        var merge = await KilledMergeAsync(dir.Path, ticker, killedAt);
        var found = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path }).Findings;
        Assert.Contains(found, f => f.Kind == FindingKind.UnfinishedTask && f.Ticker == ticker && f.Detail.Contains("merge of 2021-01-01..2021-07-09", StringComparison.Ordinal));

        // When
        using (var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System))
        {
            Assert.Equal(1, PartitionMerger.Recover(dir.Path, BarDataset.Daily, ledger, new LoggerConfiguration().CreateLogger()));

            // Then: undone before the rename, finished after it; either way each bar is in exactly one window
            var tasks = ledger.Tasks(BarDataset.Daily.Name).Where(t => t.Key.Ticker == ticker).ToList();
            if (killedAt == KilledAt.BeforeRename)
            {
                Assert.Equal(sources, BarFiles(dir.Path, BarDataset.Daily, ticker));
                Assert.Equal(2, tasks.Count);
            }
            else
            {
                Assert.Equal([LakeLayout.FullPath(dir.Path, merge.File.RelativePath)], BarFiles(dir.Path, BarDataset.Daily, ticker));
                var task = Assert.Single(tasks);
                Assert.Equal((merge.Key, merge.File.Sha256, merge.File.Rows), (task.Key, task.Sha256, task.Rows));
            }

            Assert.Empty(ledger.Merges(BarDataset.Daily.Name));
        }

        SimIngest.AssertEqualsTruth(sim, dir.Path, BarDataset.Daily, ticker, From, end);
        Assert.Empty(LakeRows.TempFiles(dir.Path));
        Assert.Empty(LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path }).Findings);

        // And: the next run fetches nothing and leaves one file per ticker
        var next = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, From, end);
        Assert.Equal(0, next.Final.Planned);
        foreach (var t in tickers)
        {
            Assert.Single(BarFiles(dir.Path, BarDataset.Daily, t));
            SimIngest.AssertEqualsTruth(sim, dir.Path, BarDataset.Daily, t, From, end);
        }
    }

    [Theory]
    [InlineData("bars_1d")]
    [InlineData("bars_1m")]
    public async Task Ingest_NightlyRunsWithTickersWithoutBars_OneLedgerRowPerTickerAndPartition(string datasetName)
    {
        // Given: traded tickers, tickers delisted before the nights, one without any bar; a quarter, then five nightly --to
        var dataset = datasetName == BarDataset.Daily.Name ? BarDataset.Daily : BarDataset.Minute;
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 13 });
        using var dir = new TempDirectory();
        var (from, nights) = (new LocalDate(2021, 10, 1), new[] { new LocalDate(2022, 1, 3), new LocalDate(2022, 1, 4), new LocalDate(2022, 1, 5), new LocalDate(2022, 1, 6), new LocalDate(2022, 1, 7) });
        var tickers = Mixed(sim, from, nights[^1]);
        await SimIngest.RunAsync(sim, dir.Path, dataset, tickers, from, new LocalDate(2021, 12, 31));

        // When
        var rows = new List<int>();
        foreach (var night in nights)
        {
            await SimIngest.RunAsync(sim, dir.Path, dataset, tickers, from, night);
            using var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System);
            rows.Add(ledger.Tasks(dataset.Name).Count);
        }

        // Then: one row per ticker (and year) every night, each covering the whole range asked, the lake equal to the truth
        var partitions = tickers.Count * (dataset.PartitionByYear ? 2 : 1);
        Assert.All(rows, r => Assert.Equal(partitions, r));
        AssertCoversWithOneRowEach(dir.Path, dataset, tickers, from, nights[^1]);
        foreach (var ticker in tickers)
        {
            SimIngest.AssertEqualsTruth(sim, dir.Path, dataset, ticker, from, nights[^1]);
        }

        Assert.Empty(LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path }).Findings);

        // And: the same range fetches nothing, the next night only its new day
        Assert.Equal(0, (await SimIngest.RunAsync(sim, dir.Path, dataset, tickers, from, nights[^1])).Final.Planned);
        Assert.Equal(tickers.Count, (await SimIngest.RunAsync(sim, dir.Path, dataset, tickers, from, new LocalDate(2022, 1, 10))).Final.Planned);
        AssertCoversWithOneRowEach(dir.Path, dataset, tickers, from, new LocalDate(2022, 1, 10));
    }

    [Fact]
    public async Task Ingest_LedgerWithEmptyWindowsPiledUp_NextRunFoldsThem()
    {
        // Given: nightly runs of a build that did not fold (here: no merge step), so empty windows piled up
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 13 });
        using var dir = new TempDirectory();
        var from = new LocalDate(2021, 10, 1);
        var end = new LocalDate(2022, 1, 7);
        var tickers = Mixed(sim, from, end);
        await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, from, new LocalDate(2021, 12, 31), merge: false);
        for (var night = new LocalDate(2022, 1, 3); night <= end; night = night.PlusDays(1))
        {
            await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, from, night, merge: false);
        }

        using (var before = SqliteLedger.Open(dir.Path, TimeProvider.System))
        {
            Assert.Equal(tickers.Count * 6, before.Tasks(BarDataset.Daily.Name).Count);
        }

        // When: the next run, with nothing to fetch
        var next = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, from, end);

        // Then: one row per ticker, the lake unchanged and clean
        Assert.Equal(0, next.Final.Planned);
        AssertCoversWithOneRowEach(dir.Path, BarDataset.Daily, tickers, from, end);
        foreach (var ticker in tickers)
        {
            SimIngest.AssertEqualsTruth(sim, dir.Path, BarDataset.Daily, ticker, from, end);
        }

        Assert.Empty(LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path }).Findings);
    }

    [Fact]
    public async Task Fold_WindowsMarkedToBeFetchedAgain_KeepTheirOwnRows()
    {
        // Given: an upgraded older ledger, CCC's newest nightly empty and DDD's empty before its bars marked
        using var dir = new TempDirectory();
        var nights = new[] { 16, 17, 18, 19, 20 }.Select(day =>
            $"('bars_1d', 'CCC', '2026-11-{day}', '2026-11-{day}', 'empty', 0, NULL, NULL, NULL, NULL, 1, 'day', '2026-11-{day + 1}T03:00:00.000Z')");
        Tests.Ledger.LedgerVersionTests.CreateLedger(dir.Path, "1", [
            .. nights,
            "('bars_1d', 'DDD', '2026-11-18', '2026-11-18', 'empty', 0, NULL, NULL, NULL, NULL, 1, 'day', '2026-11-19T03:00:00.000Z')",
            "('bars_1d', 'DDD', '2026-11-19', '2026-11-20', 'done', 2, 'ef', 1795098600000, 1795185000000, 'bars_1d/ticker=DDD/part-20261119-20261120.parquet', 1, 'day', '2026-11-21T03:00:00.000Z')",
        ]);
        await Tests.Ledger.LedgerVersionTests.WriteDailyBarsAsync(dir.Path, "DDD", new LocalDate(2026, 11, 19), new LocalDate(2026, 11, 20), new LocalDate(2026, 11, 19), new LocalDate(2026, 11, 20));
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero)));

        // When
        PartitionMerger.Fold(BarDataset.Daily, ledger, new LoggerConfiguration().CreateLogger());

        // Then: the unmarked empties fold; each marked window stays its own row, so its mark is not lost with it
        var windows = ledger.Tasks(BarDataset.Daily.Name).Select(t => $"{t.Key.Ticker} {t.Key.WindowStart:MM-dd}..{t.Key.WindowEnd:MM-dd}").Order(StringComparer.Ordinal);
        Assert.Equal(["CCC 11-16..11-19", "CCC 11-20..11-20", "DDD 11-18..11-18", "DDD 11-19..11-20"], windows);
        Assert.Equal(2, ledger.TailRechecks(BarDataset.Daily.Name).Count);
    }

    // Each ticker's partition is one settled row from the range's start (or the year's) to its end.
    private static void AssertCoversWithOneRowEach(string outdir, BarDataset dataset, IReadOnlyList<string> tickers, LocalDate from, LocalDate to)
    {
        using var ledger = SqliteLedger.Open(outdir, TimeProvider.System);
        var tasks = ledger.Tasks(dataset.Name);
        foreach (var ticker in tickers)
        {
            var windows = tasks.Where(t => t.Key.Ticker == ticker).Select(t => (t.Key.WindowStart, t.Key.WindowEnd)).ToList();
            var expected = dataset.PartitionByYear ? [(from, new LocalDate(from.Year, 12, 31)), (new LocalDate(to.Year, 1, 1), to)] : new[] { (from, to) };
            Assert.Equal(expected, windows);
        }

        Assert.All(tasks, t => Assert.True(t.State is TaskState.Done or TaskState.Empty, $"{t.Key} is {t.State}"));
        Assert.Empty(ledger.Merges(dataset.Name));
    }

    // Two tickers traded throughout, one or two with bars in the quarter only (delisted before the nights), one without any bar.
    private static List<string> Mixed(SimulatorHost sim, LocalDate from, LocalDate to)
    {
        var stocks = SimIngest.CommonStocks(sim, 400);
        bool Has(string t, LocalDate s, LocalDate e) => sim.Truth.Bars(t, SimDataset.DayBars, s, e).Any();
        var quarterEnd = new LocalDate(from.Year, 12, 31);
        var traded = stocks.Where(t => Has(t, from, from.PlusDays(7)) && Has(t, to.PlusDays(-4), to.PlusDays(3))).Take(2).ToList();
        var delisted = stocks.Where(t => Has(t, from, quarterEnd) && !Has(t, quarterEnd.PlusDays(1), to.PlusDays(3))).Take(2).ToList();
        var none = stocks.Where(t => !Has(t, from, to.PlusDays(3))).Take(1).ToList();
        Assert.Equal((2, 1), (traded.Count, none.Count));
        Assert.NotEmpty(delisted);
        return [.. traded, .. delisted, .. none];
    }

    // Leaves the outdir as a kill at killedAt would: the merged file comes from a finished merge in a copy.
    private static async Task<MergeRecord> KilledMergeAsync(string outdir, string ticker, KilledAt killedAt)
    {
        using var copy = new TempDirectory();
        foreach (var file in Directory.EnumerateFiles(outdir, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(outdir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        LedgerTask merged;
        using (var ledger = SqliteLedger.Open(copy.Path, TimeProvider.System))
        {
            var counters = new IngestCounters(0, TimeProvider.System);
            await PartitionMerger.MergeAsync(copy.Path, BarDataset.Daily, ledger, [ticker], 1, new LoggerConfiguration().CreateLogger(), counters, default);
            Assert.Equal((1, 1), (counters.Snapshot().MergesPlanned, counters.Snapshot().MergesFinished));
            merged = Assert.Single(ledger.Tasks(BarDataset.Daily.Name), t => t.Key.Ticker == ticker);
        }

        using var original = SqliteLedger.Open(outdir, TimeProvider.System);
        var sources = original.Tasks(BarDataset.Daily.Name).Where(t => t.Key.Ticker == ticker).ToList();
        var finalPath = LakeLayout.FullPath(outdir, merged.FilePath!);
        var tempPath = LakeLayout.TempPathFor(finalPath);
        var record = new MergeRecord
        {
            Key = merged.Key,
            TempPath = Path.GetRelativePath(outdir, tempPath).Replace(Path.DirectorySeparatorChar, '/'),
            File = new CommittedFile(merged.FilePath!, merged.Rows, merged.Bytes, merged.Sha256!, merged.FirstT!.Value, merged.LastT!.Value),
            Adjusted = merged.Adjusted,
            Timespan = merged.Timespan,
            SourceIds = [.. sources.Select(s => s.Id)],
            SourcePaths = [.. sources.Select(s => s.FilePath!)],
        };
        File.Copy(LakeLayout.FullPath(copy.Path, merged.FilePath!), killedAt == KilledAt.BeforeRename ? tempPath : finalPath);
        using (var tx = original.Begin())
        {
            record = record with { Id = tx.InsertMerge(record) };
            tx.Commit();
        }

        if (killedAt == KilledAt.AfterSwap)
        {
            using var tx = original.Begin();
            tx.PublishMerge(record);
            tx.Commit();
            File.Delete(LakeLayout.FullPath(outdir, sources[0].FilePath!));
        }

        return record;
    }

    // Tickers with bars in the first and the last week of every range used here (no empty window to shift the counts).
    private static List<string> Traded(SimulatorHost sim, int count) =>
        [.. SimIngest.CommonStocks(sim, 100).Where(t =>
            sim.Truth.Bars(t, SimDataset.DayBars, From, From.PlusDays(7)).Any()
            && sim.Truth.Bars(t, SimDataset.DayBars, new LocalDate(2022, 1, 1), new LocalDate(2022, 1, 4)).Any()).Take(count)];

    private static List<string> BarFiles(string outdir, BarDataset dataset, string ticker) =>
        [.. Directory.EnumerateFiles(Path.Combine(outdir, dataset.Name, $"ticker={ticker}"), "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
}
