using System.Diagnostics;
using NodaTime;
using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Manifest;
using SmallCaps.Core.Runs;
using SmallCaps.Core.Tests.Verify;
using SmallCaps.Core.Ticks;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Runs;

public sealed class RunStatusReaderTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Read_EmptyWorkdir_None()
    {
        using var dir = new TempDirectory();

        var status = RunStatusReader.Read(new RunPaths(dir.Path), Clock);

        Assert.Equal(RunState.None, status.State);
        Assert.Null(status.Run);
    }

    [Fact]
    public async Task Read_DeadPidWithoutResult_CrashedWithStaleWarning()
    {
        // Given: the record names a process that has exited and never wrote result.json
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        var (pid, started) = await ExitedProcessAsync();
        RunJson.Write(paths.Record, Record(dir, pid, started));

        // When
        var status = RunStatusReader.Read(paths, Clock);

        // Then
        Assert.Equal(RunState.Crashed, status.State);
        Assert.False(status.Alive);
        Assert.Contains(status.Warnings, w => w.Contains("stale run record", StringComparison.Ordinal) && w.Contains($"pid {pid}", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_LiveProcessWithProgressAndLedger_RunningWithDatasetCountsAndTopFailures()
    {
        // Given: this test process plays the run; the ledger has A done, B failed twice over, C not started
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        using var self = Process.GetCurrentProcess();
        var record = Record(dir, Environment.ProcessId, ProcessLiveness.StartTimeOf(self));
        RunJson.Write(paths.Record, record);
        RunJson.Write(paths.Progress, new ProgressSnapshot { RunId = record.RunId, Pid = Environment.ProcessId, Dataset = "bars_1d", UpdatedAt = Clock.GetUtcNow().AddSeconds(-3), RequestsPerSecond = 12.5, RateLimited = 4, EtaSeconds = 60 });
        File.WriteAllLines(record.TickersCsv!, ["ticker", "AAA", "BBB", "CCC"]);
        using (var ledger = SqliteLedger.Open(record.Outdir, Clock))
        using (var tx = ledger.Begin())
        {
            var a = tx.EnsureTask(Key("AAA"), adjusted: true, "day");
            tx.MarkDone(a, new CommittedFile("bars_1d/ticker=AAA/part.parquet", 60, 4096, "00", 1, 2));
            var b = tx.EnsureTask(Key("BBB"), adjusted: true, "day");
            tx.SetState(b, TaskState.Failed, "IOException: disk full");
            tx.Commit();
        }

        File.WriteAllLines(record.LogPath, ["one", "two", "three"]);

        // When
        var status = RunStatusReader.Read(paths, Clock, logLines: 2);

        // Then
        Assert.Equal(RunState.Running, status.State);
        Assert.Equal(Environment.ProcessId, status.IngestPid);
        Assert.Equal(3, status.ProgressAgeSeconds);
        Assert.Equal(12.5, status.Progress!.RequestsPerSecond);
        var d = Assert.Single(status.Datasets);
        Assert.Equal(("bars_1d", 3, 1, 1, 2, 60L, 4096L), (d.Name, d.TasksTotal, d.Done, d.Failed, d.Remaining, d.Bars, d.Bytes));
        Assert.Equal([new FailureReason("IOException: disk full", 1)], d.TopFailures);
        Assert.Equal(["two", "three"], status.LogTail);
    }

    [Fact]
    public async Task Read_CrashedRunWithoutFinalProgress_NoEta()
    {
        // Given: a run killed before it wrote its final snapshot; its last one still holds an ETA
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        var (pid, started) = await ExitedProcessAsync();
        var record = Record(dir, pid, started);
        RunJson.Write(paths.Record, record);
        RunJson.Write(paths.Progress, new ProgressSnapshot { RunId = record.RunId, Pid = pid, Dataset = "bars_1d", UpdatedAt = Clock.GetUtcNow(), TasksPlanned = 75, TasksFinished = 21, EtaSeconds = 48.4 });

        // When
        var status = RunStatusReader.Read(paths, Clock, logLines: 0);

        // Then
        Assert.Equal(RunState.Crashed, status.State);
        Assert.Equal(21, status.Progress!.TasksFinished);
        Assert.Null(status.Progress.EtaSeconds);
    }

    [Fact]
    public void Read_LockNoteWithoutLiveHolder_WarnsStaleLock()
    {
        // Given: a finished run, and a lock note left by a run that was killed
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        var record = Record(dir, 0, null);
        RunJson.Write(paths.Record, record);
        RunJson.Write(paths.Result, new RunResult(record.RunId, RunState.Finished, 0, Clock.GetUtcNow(), "exit 0 (done)"));
        var ledgerFolder = Path.Combine(record.Outdir, SqliteLedger.FolderName);
        Directory.CreateDirectory(ledgerFolder);
        File.WriteAllText(Path.Combine(ledgerFolder, "run.lock"), string.Empty);
        File.WriteAllText(Path.Combine(ledgerFolder, "run.lock.info"), "pid 999999 on host vm, started 2026-01-01T00:00:00Z");

        // When
        var status = RunStatusReader.Read(paths, Clock);

        // Then
        Assert.Equal(RunState.Finished, status.State);
        Assert.Contains(status.Warnings, w => w.Contains("stale lock", StringComparison.Ordinal) && w.Contains("pid 999999", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_LockHeldByAnotherProcess_NamesHolder()
    {
        // Given: a dead run, while someone else holds the outdir
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        var record = Record(dir, 0, null);
        RunJson.Write(paths.Record, record);
        using var held = OutdirLock.Acquire(record.Outdir, Clock);

        // When
        var status = RunStatusReader.Read(paths, Clock);

        // Then
        Assert.Contains(status.Warnings, w => w.Contains("another process holds", StringComparison.Ordinal) && w.Contains($"pid {Environment.ProcessId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_TradesRunWithStartDate_CountsManifestSessionsLeftInsideTheDates()
    {
        // Given: a trades run over 2024-03-05.. of a manifest with four sessions (one before the start date, one settled)
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        using var self = Process.GetCurrentProcess();
        var manifest = dir.Combine("manifest.csv");
        var day = new LocalDate(2024, 3, 4);
        await ManifestFile.WriteAsync(manifest, [.. Enumerable.Range(0, 4).Select(i => Window(day.PlusDays(i)))], CancellationToken.None);
        var record = Record(dir, Environment.ProcessId, ProcessLiveness.StartTimeOf(self)) with
        {
            Verb = "ingest-trades", Dataset = "trades", TickersCsv = null, Manifest = manifest, From = "2024-03-05", To = null,
        };
        RunJson.Write(paths.Record, record);
        using (var ledger = SqliteLedger.Open(record.Outdir, Clock))
        using (var tx = ledger.Begin())
        {
            var done = tx.EnsureTask(new TaskKey("trades", "AAA", day.PlusDays(1), day.PlusDays(1)), adjusted: false, "trades");
            tx.SetState(done, TaskState.Empty, null);
            tx.Commit();
        }

        // When
        var status = RunStatusReader.Read(paths, Clock, logLines: 0);

        // Then: 2024-03-06 and 2024-03-07 are left
        Assert.Empty(status.Warnings);
        var d = Assert.Single(status.Datasets);
        Assert.Equal(("trades", 2, 3), (d.Name, d.Remaining, d.TasksTotal));
    }

    // 10:00-10:05 New York on the session, in ns.
    private static ManifestWindow Window(LocalDate session)
    {
        var start = (SmallCaps.Core.Calendar.NewYorkTime.StartOfDayUnixMilliseconds(session) + 36_000_000L) * 1_000_000L;
        return new ManifestWindow("AAA", session, start, start + 300_000_000_000L);
    }

    [Theory]
    [InlineData("trades", "trades", null)]
    [InlineData("quotes", "quotes", null)]
    [InlineData("quotes_2hz", "quotes_2hz", 2.0)]
    [InlineData("quotes_0.5hz", "quotes_0.5hz", 0.5)]
    public void TickDatasetFromName_KnownNames_RoundTrip(string name, string expected, double? hz)
    {
        var dataset = TickDataset.FromName(name);
        Assert.Equal((expected, hz), (dataset!.Name, dataset.SampleHz));
    }

    [Theory]
    [InlineData("bars_1m")]
    [InlineData("quotes_xhz")]
    [InlineData("quotes_-1hz")]
    public void TickDatasetFromName_OtherNames_Null(string name) => Assert.Null(TickDataset.FromName(name));

    [Fact]
    public async Task Read_FormerTickersRun_CountsTheFormerTickersWindowsLeft()
    {
        // Given: a run of NEWCO with --former-tickers; NEWCO was OLDCO until 2024-01-31; nothing fetched yet
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        using var self = Process.GetCurrentProcess();
        var record = Record(dir, Environment.ProcessId, ProcessLiveness.StartTimeOf(self)) with { FormerTickers = true };
        RunJson.Write(paths.Record, record);
        File.WriteAllLines(record.TickersCsv!, ["ticker", "NEWCO"]);
        await TickerEventsWriter.WriteAsync(record.Outdir, "2024-06-28", ("figi:BBG000TEST1", [new TickerChangeEvent("OLDCO", "2023-06-01"), new TickerChangeEvent("NEWCO", "2024-02-01")]));

        // When
        var status = RunStatusReader.Read(paths, Clock);

        // Then: NEWCO from February and OLDCO in January, as the run plans them
        Assert.Equal(2, Assert.Single(status.Datasets).Remaining);
    }

    [Fact]
    public void Read_TasksNotYetInTheLedger_CountAsPendingSoTheStatesAddUpToTheTotal()
    {
        // Given: four tickers; AAA done, BBB not entitled (skipped by this run), CCC put back to pending; DDD not started, so not in the ledger
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        using var self = Process.GetCurrentProcess();
        var record = Record(dir, Environment.ProcessId, ProcessLiveness.StartTimeOf(self));
        RunJson.Write(paths.Record, record);
        File.WriteAllLines(record.TickersCsv!, ["ticker", "AAA", "BBB", "CCC", "DDD"]);
        using (var ledger = SqliteLedger.Open(record.Outdir, Clock))
        using (var tx = ledger.Begin())
        {
            tx.MarkDone(tx.EnsureTask(Key("AAA"), adjusted: true, "day"), new CommittedFile("bars_1d/ticker=AAA/part.parquet", 60, 4096, "00", 1, 2));
            tx.SetState(tx.EnsureTask(Key("BBB"), adjusted: true, "day"), TaskState.NotEntitled, "NOT_AUTHORIZED");
            tx.EnsureTask(Key("CCC"), adjusted: true, "day");
            tx.Commit();
        }

        // When
        var status = RunStatusReader.Read(paths, Clock, logLines: 0);
        using var text = new StringWriter();
        RunStatusText.Write(status, text);

        // Then: DDD is pending with CCC; every task is counted once
        var d = Assert.Single(status.Datasets);
        Assert.Equal((4, 1, 1, 2, 0, 0, 2), (d.TasksTotal, d.Done, d.NotEntitled, d.Pending, d.Running, d.Failed, d.Remaining));
        Assert.Equal(d.TasksTotal, d.Done + d.Empty + d.NotFound + d.NotEntitled + d.Failed + d.Pending + d.Running);
        Assert.Contains("tasks 1/4 settled (25%): done 1, empty 0, not-found 0, not-entitled 1, failed 0, pending 2, running 0, left 2;", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FinishedRunThatEndedWhereTheVendorHadNotPublished_CountsOnlyItsPlanAndSaysTheDaysWait()
    {
        // Given: --to 2026-05-31 (yesterday), but the vendor had published through 2026-05-27 only: the run planned and settled AAA and BBB through it
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        var record = Record(dir, 0, null) with { From = "2026-05-01", To = "2026-05-31" };
        RunJson.Write(paths.Record, record);
        RunJson.Write(paths.Result, new RunResult(record.RunId, RunState.Finished, 0, Clock.GetUtcNow(), "exit 0 (done)"));
        RunJson.Write(paths.Progress, VendorEndProgress(record, tasksPlanned: 2));
        File.WriteAllLines(record.TickersCsv!, ["ticker", "AAA", "BBB"]);
        using (var ledger = SqliteLedger.Open(record.Outdir, Clock))
        using (var tx = ledger.Begin())
        {
            tx.MarkDone(tx.EnsureTask(MayKey("AAA"), adjusted: true, "day"), new CommittedFile("bars_1d/ticker=AAA/part.parquet", 60, 4096, "00", 1, 2));
            tx.SetState(tx.EnsureTask(MayKey("BBB"), adjusted: true, "day"), TaskState.Empty, null);
            tx.Commit();
        }

        // When
        var status = RunStatusReader.Read(paths, Clock, logLines: 0);
        using var text = new StringWriter();
        RunStatusText.Write(status, text);
        var json = System.Text.Json.JsonSerializer.Serialize(status, RunJson.Options);

        // Then: 2/2 settled, nothing left; the unpublished days are named, not counted as pending
        var d = Assert.Single(status.Datasets);
        Assert.Equal((2, 0, 0, "2026-05-27"), (d.TasksTotal, d.Pending, d.Remaining, d.PlannedTo));
        Assert.Contains("tasks 2/2 settled (100%): done 1, empty 1, not-found 0, not-entitled 0, failed 0, pending 0, running 0, left 0;", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("ends 2026-05-27: the vendor has not published the sessions from 2026-05-28 on yet; a later run fetches them", text.ToString(), StringComparison.Ordinal);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        Assert.Equal((2, 0, "2026-05-27"), (dataset.GetProperty("tasksTotal").GetInt32(), dataset.GetProperty("remaining").GetInt32(), dataset.GetProperty("plannedTo").GetString()));
        Assert.StartsWith("the vendor has not published", dataset.GetProperty("waiting").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RunningRunThatEndsWhereTheVendorHadNotPublished_TotalStaysTheRunsPlanAsTickersSettle()
    {
        // Given: a live run that planned 3 tasks through 2026-05-27 (the vendor's last published session); AAA has settled, BBB runs, CCC not started
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        using var self = Process.GetCurrentProcess();
        var record = Record(dir, Environment.ProcessId, ProcessLiveness.StartTimeOf(self)) with { From = "2026-05-01", To = "2026-05-31" };
        RunJson.Write(paths.Record, record);
        RunJson.Write(paths.Progress, VendorEndProgress(record, tasksPlanned: 3));
        File.WriteAllLines(record.TickersCsv!, ["ticker", "AAA", "BBB", "CCC"]);
        using (var ledger = SqliteLedger.Open(record.Outdir, Clock))
        using (var tx = ledger.Begin())
        {
            tx.MarkDone(tx.EnsureTask(MayKey("AAA"), adjusted: true, "day"), new CommittedFile("bars_1d/ticker=AAA/part.parquet", 60, 4096, "00", 1, 2));
            tx.SetState(tx.EnsureTask(MayKey("BBB"), adjusted: true, "day"), TaskState.Running, null);
            tx.Commit();
        }

        // When
        var status = RunStatusReader.Read(paths, Clock, logLines: 0);

        // Then: the settled ticker adds no task for the days after 2026-05-27; the total is what the ingest planned
        var d = Assert.Single(status.Datasets);
        Assert.Equal((3, 1, 1, 1, 2), (d.TasksTotal, d.Done, d.Running, d.Pending, d.Remaining));
        Assert.Equal(status.Progress!.TasksPlanned, d.TasksTotal);
    }

    [Fact]
    public void Read_FinishedRunReadDaysLater_DoesNotCountDaysAfterTheRunsYesterday()
    {
        // Given: --to far ahead, run on 2026-05-20 (its yesterday 2026-05-19); status read on 2026-06-01
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        var record = Record(dir, 0, null) with { From = "2026-05-01", To = "2026-12-31" };
        RunJson.Write(paths.Record, record);
        RunJson.Write(paths.Result, new RunResult(record.RunId, RunState.Finished, 0, Clock.GetUtcNow(), "exit 0 (done)"));
        RunJson.Write(paths.Progress, new ProgressSnapshot { RunId = record.RunId, Pid = 1, Dataset = "bars_1d", UpdatedAt = Clock.GetUtcNow(), TasksPlanned = 1, PlannedTo = "2026-05-19" });
        File.WriteAllLines(record.TickersCsv!, ["ticker", "AAA"]);
        using (var ledger = SqliteLedger.Open(record.Outdir, Clock))
        using (var tx = ledger.Begin())
        {
            tx.SetState(tx.EnsureTask(new TaskKey("bars_1d", "AAA", new LocalDate(2026, 5, 1), new LocalDate(2026, 5, 19)), adjusted: true, "day"), TaskState.Empty, null);
            tx.Commit();
        }

        // When
        var status = RunStatusReader.Read(paths, Clock, logLines: 0);
        using var text = new StringWriter();
        RunStatusText.Write(status, text);

        // Then: complete, and no "ends" line (nothing waits for the vendor)
        var d = Assert.Single(status.Datasets);
        Assert.Equal((1, 0, null), (d.TasksTotal, d.Remaining, d.Waiting));
        Assert.DoesNotContain(" ends ", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_TradesRunWhoseManifestHasSeveralBadRows_OneLineWarning()
    {
        // Given: a trades run whose manifest was edited since: three rows now have a bad date
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        var manifest = dir.Combine("manifest.csv");
        await ManifestFile.WriteAsync(manifest, [Window(new LocalDate(2024, 3, 4))], CancellationToken.None);
        File.AppendAllLines(manifest, ["AAA,2024-13-01,1,2", "AAA,2024-13-02,1,2", "AAA,2024-13-03,1,2"]);
        var record = Record(dir, 0, null) with { Verb = "ingest-trades", Dataset = "trades", TickersCsv = null, Manifest = manifest, From = null, To = null };
        RunJson.Write(paths.Record, record);
        RunJson.Write(paths.Result, new RunResult(record.RunId, RunState.Finished, 0, Clock.GetUtcNow(), "exit 0 (done)"));

        // When
        var status = RunStatusReader.Read(paths, Clock, logLines: 0);

        // Then: the first bad row, and how many more
        var warning = Assert.Single(status.Warnings, w => w.StartsWith("cannot compute the sessions left", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', warning);
        Assert.Contains("manifest.csv:3: session_date \"2024-13-01\" is not YYYY-MM-DD (and 2 more)", warning, StringComparison.Ordinal);
    }

    // AAA's May window as a run that ended at 2026-05-27 settles it.
    private static TaskKey MayKey(string ticker) => new("bars_1d", ticker, new LocalDate(2026, 5, 1), new LocalDate(2026, 5, 27));

    private static ProgressSnapshot VendorEndProgress(RunRecord record, int tasksPlanned) => new()
    {
        RunId = record.RunId,
        Pid = record.Pid,
        Dataset = "bars_1d",
        UpdatedAt = Clock.GetUtcNow(),
        TasksPlanned = tasksPlanned,
        PlannedTo = "2026-05-27",
        Waiting = "the vendor has not published the sessions from 2026-05-28 on yet",
    };

    private static TaskKey Key(string ticker) => new("bars_1d", ticker, new LocalDate(2024, 1, 1), new LocalDate(2024, 3, 31));

    private static RunRecord Record(TempDirectory dir, int pid, DateTimeOffset? started) => new()
    {
        RunId = "20260601T120000Z-abcd",
        Verb = "ingest-daily",
        Dataset = "bars_1d",
        CommandLine = "smallcaps ingest-daily",
        Outdir = dir.Combine("lake"),
        TickersCsv = dir.Combine("tickers.csv"),
        From = "2024-01-01",
        To = "2024-03-31",
        Pid = pid,
        ProcessStartedAt = started,
        Host = Environment.MachineName,
        StartedAt = Clock.GetUtcNow(),
        LogPath = dir.Combine("run.log"),
    };

    private static async Task<(int Pid, DateTimeOffset? Started)> ExitedProcessAsync()
    {
        var psi = new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(psi)!;
        var started = ProcessLiveness.StartTimeOf(process);
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.Id, started);
    }
}
