using NodaTime;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Universe;
using SmallCaps.Core.Verify;
using SmallCaps.Parquet;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Faults;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Universe;

public sealed class ReferenceLedgerTests
{
    private const string EventsPrefix = "/vX/reference/tickers/";
    private const string SplitsPrefix = "/v3/reference/splits";

    [Fact]
    public async Task RunAsync_OneEventsChunkFails_RecordsItFailedAndTheRerunFetchesOnlyThatChunk()
    {
        // Given: chunks of 40 members; the events of one member in the second chunk always answer 500
        using var dir = new TempDirectory();
        var options = new SimulatorOptions { UniverseSize = 400, Seed = 9 };
        await using var healthy = await SimulatorHost.StartAsync(options, CancellationToken.None);
        var date = healthy.Truth.AsOf;
        var expected = SimUniverse.Compute(healthy.Truth, date, null, includeDelisted: true);
        Assert.True(expected.Members.Count > 80);
        var victim = expected.Members[45].Ticker;
        var faulty = new SimulatorOptions { UniverseSize = 400, Seed = 9 };
        faulty.FaultRules.Add(FaultRule.Parse($"500:{EventsPrefix}{victim.CompositeFigi}/events@1+100000"));
        var request = CorporateActions(dir, date, chunkSize: 40);
        await using (var sim = await SimulatorHost.StartAsync(faulty, CancellationToken.None))
        {
            // When
            var (failed, output) = await SimUniverse.RunOutcomeAsync(sim, request);

            // Then: the universe is written, the chunk is failed with its reason, the run says "some failed"
            Assert.Equal(SmallCaps.Core.Ingest.ExitCodes.SomeFailed, failed.ExitCode);
            Assert.NotNull(failed.Selection);
            Assert.Contains("ticker_events part-00001: 40 members, failed: HTTP 5", output, StringComparison.Ordinal);
        }

        var events = Tasks(dir.Path, ReferenceLake.TickerEventsDataset);
        var failedChunk = Assert.Single(events, t => t.Task.State == TaskState.Failed);
        Assert.Equal("part-00001", failedChunk.Task.Key.Ticker);
        Assert.Contains("500", failedChunk.Task.LastError, StringComparison.Ordinal);
        Assert.Contains(failedChunk.Members, m => m.EndsWith("|" + victim.CompositeFigi, StringComparison.Ordinal));
        Assert.All(events.Where(t => t != failedChunk), t => Assert.True(t.Task.State is TaskState.Done or TaskState.Empty));
        Assert.True(File.Exists(request.OutCsv));

        // When: the outage is over
        var (resumed, resumedOutput) = await SimUniverse.RunOutcomeAsync(healthy, request);

        // Then: only that chunk is asked again, and the lake equals the ground truth
        Assert.True(resumed.ExitCode == 0, resumedOutput);
        Assert.Equal(failedChunk.Members.Count, healthy.RequestLog.CountRecent(EventsPrefix));
        Assert.Equal(0, healthy.RequestLog.CountRecent(SplitsPrefix));
        Assert.Equal(0, healthy.RequestLog.CountRecent("/v3/reference/dividends"));
        Assert.Equal(0, healthy.RequestLog.CountRecent("/v3/reference/tickers"));
        var members = resumed.Selection!.Members;
        AssertSplitsEqualTruth(healthy, dir.Path, date, members.Select(m => m.Ticker));
        var rows = EventRows(dir.Path, date);
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Subset(rows.Select(r => r.Identity).ToHashSet(), members.Select(m => m.Identity).ToHashSet());
        var member = members.Single(m => m.Listing.CompositeFigi == victim.CompositeFigi);
        Assert.Equal([.. victim.PreviousTickers, victim.Ticker], member.Tickers.Select(i => i.Ticker));

        // Ticker histories come back from the event files of both runs.
        var renamed = healthy.Truth.Tickers().Where(t => t.PreviousTickers.Count > 0 && members.Any(m => m.Listing.CompositeFigi == t.CompositeFigi)).ToList();
        Assert.NotEmpty(renamed);
        foreach (var t in renamed)
        {
            Assert.Equal([.. t.PreviousTickers, t.Ticker], members.Single(m => m.Listing.CompositeFigi == t.CompositeFigi).Tickers.Select(i => i.Ticker));
        }
        foreach (var dataset in new[] { ReferenceLake.TickersDataset, ReferenceLake.DetailsDataset, ReferenceLake.SplitsDataset, ReferenceLake.DividendsDataset, ReferenceLake.TickerEventsDataset })
        {
            AssertLedgerMatchesFiles(dir.Path, dataset);
        }
    }

    [Fact]
    public async Task RunAsync_CancelledWhileFetchingSplits_ResumesWithoutDuplicateRows()
    {
        // Given: slow splits answers, chunks of 20 one at a time; Ctrl+C once the first splits file is published
        using var dir = new TempDirectory();
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 31, SlowDelay = TimeSpan.FromMilliseconds(40) };
        options.FaultRules.Add(FaultRule.Parse($"slow:{SplitsPrefix}%1"));
        await using var sim = await SimulatorHost.StartAsync(options, CancellationToken.None);
        var date = sim.Truth.AsOf;
        var request = CorporateActions(dir, date, chunkSize: 20) with { ChunkParallelism = 1 };
        var partition = ReferenceLake.PartitionDirectory(dir.Path, ReferenceLake.SplitsDataset, date);
        using var cts = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!Directory.Exists(partition) || Directory.GetFiles(partition, "part-*.parquet").Length == 0)
            {
                await Task.Delay(5);
            }

            await cts.CancelAsync();
        });

        // When
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SimUniverse.RunOutcomeAsync(sim, request, cts.Token));
        await watcher;

        // Then: nothing is left running or half-written
        var splits = Tasks(dir.Path, ReferenceLake.SplitsDataset);
        Assert.DoesNotContain(splits, t => t.Task.State == TaskState.Running);
        Assert.Contains(splits, t => t.Task.State == TaskState.Done);
        var left = splits.Where(t => t.Task.State == TaskState.Pending).ToList();
        Assert.NotEmpty(left);
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
        Assert.False(File.Exists(request.OutCsv));

        // When: the same command again
        var before = sim.RequestLog.CountRecent(SplitsPrefix);
        var (resumed, output) = await SimUniverse.RunOutcomeAsync(sim, request);

        // Then: only the pending chunks are fetched, and no row is stored twice
        Assert.True(resumed.ExitCode == 0, output);
        Assert.Equal(left.Sum(t => t.Members.Count), sim.RequestLog.CountRecent(SplitsPrefix) - before);
        AssertSplitsEqualTruth(sim, dir.Path, date, resumed.Selection!.Members.Select(m => m.Ticker));
        AssertLedgerMatchesFiles(dir.Path, ReferenceLake.SplitsDataset);
    }

    [Fact]
    public async Task RunAsync_TaskLeftRunningAndTempFileByAKilledRun_AreResetCleanedAndFetchedAgain()
    {
        // Given: a complete lake, then a kill mid-chunk: the task still says running, a temp file lies beside, no file
        using var dir = new TempDirectory();
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 32 }, CancellationToken.None);
        var date = sim.Truth.AsOf;
        var request = CorporateActions(dir, date, chunkSize: 40);
        await SimUniverse.RunAsync(sim, request);
        var victim = Tasks(dir.Path, ReferenceLake.SplitsDataset).First(t => t.Task.State == TaskState.Done);
        using (var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System))
        using (var tx = ledger.Begin())
        {
            tx.MarkRunning(victim.Task.Id);
            tx.Commit();
        }

        var file = SmallCaps.Core.Lake.LakeLayout.FullPath(dir.Path, victim.Task.FilePath!);
        File.Delete(file);
        var temp = Path.Combine(Path.GetDirectoryName(file)!, ".part-killed.tmp");
        await File.WriteAllTextAsync(temp, "half a file");
        var before = sim.RequestLog.CountRecent(SplitsPrefix);

        // When
        var (selection, output) = await SimUniverse.RunAsync(sim, request);

        // Then
        Assert.Contains("Cleaned up after an interrupted run: 1 temp files removed, 1 tasks back to pending", output, StringComparison.Ordinal);
        Assert.False(File.Exists(temp));
        Assert.True(File.Exists(file));
        Assert.Equal(victim.Members.Count, sim.RequestLog.CountRecent(SplitsPrefix) - before);
        AssertSplitsEqualTruth(sim, dir.Path, date, selection.Members.Select(m => m.Ticker));
        AssertLedgerMatchesFiles(dir.Path, ReferenceLake.SplitsDataset);
    }

    [Fact]
    public async Task RunAsync_WiderUniverseOnTheSameDate_FetchesOnlyTheNewMembers()
    {
        // Given: the lake holds the reference data of the names under $500M
        using var dir = new TempDirectory();
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 33 }, CancellationToken.None);
        var date = sim.Truth.AsOf;
        var narrow = CorporateActions(dir, date, chunkSize: 40) with { Options = new UniverseOptions { IncludeDelisted = true, CapMax = 5e8 } };
        var (small, _) = await SimUniverse.RunAsync(sim, narrow);
        var before = sim.RequestLog.CountRecent(SplitsPrefix);

        // When: every cap on the same date
        var (all, _) = await SimUniverse.RunAsync(sim, narrow with { Options = new UniverseOptions { IncludeDelisted = true } });

        // Then
        var added = all.Members.Select(m => m.Ticker).Except(small.Members.Select(m => m.Ticker)).Count();
        Assert.True(added > 0);
        Assert.Equal(added, sim.RequestLog.CountRecent(SplitsPrefix) - before);
        AssertSplitsEqualTruth(sim, dir.Path, date, all.Members.Select(m => m.Ticker));
        AssertLedgerMatchesFiles(dir.Path, ReferenceLake.SplitsDataset);
    }

    [Fact]
    public async Task RunAsync_OutdirHeldByAnotherRun_ThrowsNamingTheHolderAndWritesNothing()
    {
        // Given
        using var dir = new TempDirectory();
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 200, Seed = 34 }, CancellationToken.None);
        var request = CorporateActions(dir, sim.Truth.AsOf, chunkSize: 40);
        using var held = OutdirLock.Acquire(dir.Path, TimeProvider.System);

        // When
        var error = await Assert.ThrowsAsync<OutdirLockedException>(() => SimUniverse.RunOutcomeAsync(sim, request));

        // Then
        Assert.Contains($"pid {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, sim.RequestLog.Total);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, ReferenceLake.Folder)));
        Assert.False(File.Exists(request.OutCsv));
    }

    [Fact]
    public async Task RunAsync_LakeOfAnEarlierVersion_ReadsItsFilesAndKeepsThem()
    {
        // Given: the single tickers and splits files and the numbered details files an earlier version wrote, no ledger
        using var fresh = new TempDirectory();
        using var dir = new TempDirectory();
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 37 }, CancellationToken.None);
        var date = sim.Truth.AsOf;
        var (expected, _) = await SimUniverse.RunAsync(sim, CorporateActions(fresh, date, chunkSize: 40));
        var tickers = ReferenceLake.PartFiles(fresh.Path, ReferenceLake.TickersDataset, date).SelectMany(SnapshotFiles.ReadTickers).ToList();
        await ReferenceTables.Tickers.WriteAsync(ReferenceLake.LegacyFile(dir.Path, ReferenceLake.TickersDataset, date), tickers, CancellationToken.None);
        var legacySplits = ReferenceLake.LegacyFile(dir.Path, ReferenceLake.SplitsDataset, date);
        Directory.CreateDirectory(Path.GetDirectoryName(legacySplits)!);
        File.Copy(ReferenceLake.PartFiles(fresh.Path, ReferenceLake.SplitsDataset, date)[0], legacySplits);
        var details = ReferenceLake.PartitionDirectory(dir.Path, ReferenceLake.DetailsDataset, date);
        Directory.CreateDirectory(details);
        foreach (var file in ReferenceLake.PartFiles(fresh.Path, ReferenceLake.DetailsDataset, date))
        {
            File.Copy(file, Path.Combine(details, Path.GetFileName(file)));
        }

        var splitsBytes = await File.ReadAllBytesAsync(legacySplits);
        var before = (Listing: sim.RequestLog.CountRecent("/v3/reference/tickers?"), Details: sim.RequestLog.CountRecent("/v3/reference/tickers/"), Splits: sim.RequestLog.CountRecent(SplitsPrefix), Events: sim.RequestLog.CountRecent(EventsPrefix));

        // When
        var (selection, output) = await SimUniverse.RunAsync(sim, CorporateActions(dir, date, chunkSize: 40));

        // Then: nothing already there is asked again or rewritten; what was missing is fetched in chunks
        Assert.Equal(expected.Members.Select(m => (m.Ticker, m.MarketCap)), selection.Members.Select(m => (m.Ticker, m.MarketCap)));
        Assert.Equal(before.Listing, sim.RequestLog.CountRecent("/v3/reference/tickers?"));
        Assert.Equal(before.Details, sim.RequestLog.CountRecent("/v3/reference/tickers/"));
        Assert.Equal(before.Splits, sim.RequestLog.CountRecent(SplitsPrefix));
        Assert.Equal(before.Events + selection.Members.Count, sim.RequestLog.CountRecent(EventsPrefix));
        Assert.Equal(splitsBytes, await File.ReadAllBytesAsync(legacySplits));
        Assert.Contains("Reference splits: kept the single part.parquet", output, StringComparison.Ordinal);
        Assert.Equal([legacySplits], ReferenceLake.PartFiles(dir.Path, ReferenceLake.SplitsDataset, date));
        AssertLedgerMatchesFiles(dir.Path, ReferenceLake.TickerEventsDataset);
    }

    [Fact]
    public async Task RunAsync_KeyRejected_StopsWithTheListingPendingAndTheRunRecorded()
    {
        // Given
        using var dir = new TempDirectory();
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 100, Seed = 38 }, CancellationToken.None);
        using var transport = new SmallCaps.Core.Http.MassiveTransport(SimUniverse.FastOptions(sim), SmallCaps.Core.Http.ApiKey.Create("wrong-key"), TimeProvider.System);
        using var output = new StringWriter();

        // When
        var error = await Assert.ThrowsAsync<SmallCaps.Core.Http.MassiveApiException>(() => new UniverseRunner(transport, output).RunAsync(CorporateActions(dir, sim.Truth.AsOf, chunkSize: 40), CancellationToken.None));

        // Then
        Assert.True(error.IsRunFatal);
        Assert.All(Tasks(dir.Path, ReferenceLake.TickersDataset), t => Assert.Equal(TaskState.Pending, t.Task.State));
        using var runs = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={LedgerView.DatabasePath(dir.Path)};Pooling=False");
        runs.Open();
        using var cmd = runs.CreateCommand();
        cmd.CommandText = "SELECT exit_code FROM runs";
        Assert.Equal(3L, cmd.ExecuteScalar());
    }

    [Fact]
    public async Task Verify_ChunkedReferenceLake_ReadsEverySplitAndFindsNothingWrong()
    {
        // Given
        using var dir = new TempDirectory();
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 35 }, CancellationToken.None);
        var (selection, _) = await SimUniverse.RunAsync(sim, CorporateActions(dir, sim.Truth.AsOf, chunkSize: 40));
        Assert.True(ReferenceLake.PartFiles(dir.Path, ReferenceLake.SplitsDataset, sim.Truth.AsOf).Count > 1);

        // When
        var reference = ReferenceView.Load(dir.Path);
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path, MaxParallelism = 2 });

        // Then
        var truth = selection.Members.SelectMany(m => sim.Truth.Splits(m.Ticker)).Distinct().Count();
        Assert.Equal(truth, reference.SplitCount);
        Assert.True(report.IsClean, string.Join("\n", report.Findings.Select(f => f.Detail)));
        Assert.True(report.Totals.Files > 0);
        Assert.Equal(0, report.Totals.Tickers);
    }

    [Fact]
    public async Task Status_RunOnALakeWithReferenceData_ListsEachReferenceDatasetWithItsCounts()
    {
        // Given: a lake with reference data; a run record (as launch writes it) naming that outdir
        using var dir = new TempDirectory();
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 36 }, CancellationToken.None);
        await SimUniverse.RunAsync(sim, CorporateActions(dir, sim.Truth.AsOf, chunkSize: 40));
        var paths = new SmallCaps.Core.Runs.RunPaths(dir.Combine("work"));
        Directory.CreateDirectory(paths.Workdir);
        SmallCaps.Core.Runs.RunJson.Write(paths.Record, new SmallCaps.Core.Runs.RunRecord
        {
            RunId = "20260601T120000Z-abcd",
            Verb = "ingest-daily",
            Dataset = "bars_1d",
            CommandLine = "smallcaps ingest-daily",
            Outdir = dir.Path,
            Pid = int.MaxValue,
            Host = Environment.MachineName,
            StartedAt = DateTimeOffset.UnixEpoch,
            LogPath = dir.Combine("work", "run.log"),
        });

        // When
        var status = SmallCaps.Core.Runs.RunStatusReader.Read(paths, TimeProvider.System);

        // Then
        var splits = Assert.Single(status.Datasets, d => d.Name == "reference/splits");
        var tasks = Tasks(dir.Path, ReferenceLake.SplitsDataset);
        Assert.Equal(tasks.Length, splits.TasksTotal);
        Assert.Equal(tasks.Count(t => t.Task.State == TaskState.Done), splits.Done);
        Assert.Equal(tasks.Sum(t => t.Task.Rows), splits.Bars);
        Assert.Contains(status.Datasets, d => d.Name == "reference/details" && d.Done > 0 && d.Failed == 0);
        Assert.Contains(status.Datasets, d => d.Name == "reference/tickers" && d.Done == 2);
    }

    [Theory]
    [InlineData(50.0, 500)]
    [InlineData(5000.0, 500)]
    [InlineData(1.0, 120)]
    [InlineData(5.0 / 60, 20)]
    public void ChunkSizeFor_Rate_GivesAboutTwoMinutesOfRequestsWithinBounds(double rps, int expected) =>
        Assert.Equal(expected, ReferenceLake.ChunkSizeFor(rps));

    [Theory]
    [InlineData("part-00042", 42)]
    [InlineData("part-00042.parquet", 42)]
    [InlineData("part.parquet", null)]
    [InlineData("part-active", null)]
    public void ChunkNumber_LabelOrFileName_ParsesOnlyNumberedChunks(string name, int? expected) =>
        Assert.Equal(expected, ReferenceLake.ChunkNumber(name));

    internal static UniverseRequest CorporateActions(TempDirectory dir, LocalDate date, int chunkSize) => new()
    {
        Options = new UniverseOptions { IncludeDelisted = true },
        Today = date,
        Outdir = dir.Path,
        OutCsv = dir.Combine("universe.csv"),
        FetchCorporateActions = true,
        ChunkSize = chunkSize,
    };

    internal static (LedgerTask Task, IReadOnlyList<string> Members)[] Tasks(string outdir, string dataset)
    {
        using var ledger = SqliteLedger.Open(outdir, TimeProvider.System);
        var name = ReferenceLake.LedgerDataset(dataset);
        var members = ledger.Members(name);
        return [.. ledger.Tasks(name).Select(t => (t, members.GetValueOrDefault(t.Id) ?? []))];
    }

    /// <summary>Every done task's file is there with the recorded rows, bytes and sha256; no other file is in the dataset.</summary>
    internal static void AssertLedgerMatchesFiles(string outdir, string dataset)
    {
        var done = Tasks(outdir, dataset).Where(t => t.Task.State == TaskState.Done).Select(t => t.Task).ToList();
        Assert.NotEmpty(done);
        foreach (var task in done)
        {
            var path = SmallCaps.Core.Lake.LakeLayout.FullPath(outdir, task.FilePath!);
            Assert.Equal(task.Bytes, new FileInfo(path).Length);
            Assert.Equal(task.Sha256, FileIntegrityCheck.Sha256Hex(path));
            using var reader = ParquetFileReader.Open(path);
            Assert.Equal(task.Rows, reader.RowCount);
        }

        var files = Directory.GetFiles(Path.Combine(outdir, ReferenceLake.Folder, dataset), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(outdir, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(done.Select(t => t.FilePath!).Order(StringComparer.Ordinal), files);
    }

    /// <summary>A selected ticker that appears once in the snapshot and starts no other ticker (a path-prefix fault hits only it).</summary>
    internal static string TickerWithoutPrefixSiblings(SimulatorHost sim, IEnumerable<string> candidates)
    {
        var all = sim.Truth.Tickers(sim.Truth.AsOf).Select(t => t.Ticker).ToList();
        return candidates.Order(StringComparer.Ordinal).Skip(20).First(c =>
            c.Length >= 2 && c.All(char.IsAsciiLetterUpper) && all.Count(t => t == c) == 1 && !all.Any(t => t != c && t.StartsWith(c, StringComparison.Ordinal)));
    }

    private static void AssertSplitsEqualTruth(SimulatorHost sim, string outdir, LocalDate date, IEnumerable<string> tickers)
    {
        var expected = tickers.SelectMany(t => sim.Truth.Splits(t))
            .Select(s => (s.Ticker, ReferenceDates.Format(s.ExecutionDate), (double)s.SplitFrom, (double)s.SplitTo))
            .Order().ToList();
        var actual = new List<(string, string, double, double)>();
        foreach (var file in ReferenceLake.PartFiles(outdir, ReferenceLake.SplitsDataset, date))
        {
            using var reader = ParquetFileReader.Open(file);
            var ticker = SnapshotColumn.Read(reader, "ticker");
            var day = SnapshotColumn.Read(reader, "execution_date");
            var from = SnapshotColumn.Read(reader, "split_from");
            var to = SnapshotColumn.Read(reader, "split_to");
            for (var i = 0; i < reader.RowCount; i++)
            {
                actual.Add((ticker.String(i)!, day.String(i)!, from.Double(i)!.Value, to.Double(i)!.Value));
            }
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual.Order().ToList());
    }

    private static List<(string Identity, string Ticker, string? Date)> EventRows(string outdir, LocalDate date)
    {
        var rows = new List<(string, string, string?)>();
        foreach (var file in ReferenceLake.PartFiles(outdir, ReferenceLake.TickerEventsDataset, date))
        {
            using var reader = ParquetFileReader.Open(file);
            var identity = SnapshotColumn.Read(reader, "identity");
            var ticker = SnapshotColumn.Read(reader, "ticker");
            var day = SnapshotColumn.Read(reader, "date");
            for (var i = 0; i < reader.RowCount; i++)
            {
                rows.Add((identity.String(i)!, ticker.String(i)!, day.String(i)));
            }
        }

        return rows;
    }
}
