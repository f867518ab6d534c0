using Microsoft.Data.Sqlite;
using NodaTime;
using Serilog;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Tasks;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Tasks;

public sealed class RunSessionTests
{
    private static readonly TaskKey Key = new("bars_1d", "AAA", new LocalDate(2024, 1, 1), new LocalDate(2024, 12, 31));

    [Fact]
    public void Open_AfterAKilledRun_RemovesTempFilesUnderTheLockAndResetsRunningTasks()
    {
        // Given: a run died with a task running
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider();
        using (var ledger = SqliteLedger.Open(dir.Path, clock))
        {
            using var tx = ledger.Begin();
            tx.MarkRunning(tx.EnsureTask(Key, adjusted: true, "day"));
            tx.Commit();
        }

        var sink = new CollectingSink();
        var lockedDuringCleanup = false;

        // When
        using (var session = RunSession.Open(dir.Path, () => { lockedDuringCleanup = IsLocked(dir.Path); return 2; }, clock, Logger(sink)))
        {
            // Then
            Assert.Equal(TaskState.Pending, Assert.Single(session.Ledger.Tasks("bars_1d")).State);
        }

        Assert.True(lockedDuringCleanup);
        Assert.Contains("Cleaned up after an interrupted run: 2 temp files removed, 1 tasks back to pending", sink.Messages);
    }

    [Fact]
    public void Open_NothingLeftBehind_LogsNoCleanup()
    {
        // Given
        using var dir = new TempDirectory();
        var sink = new CollectingSink();

        // When
        using (RunSession.Open(Path.Combine(dir.Path, "new"), () => 0, new FakeTimeProvider(), Logger(sink)))
        {
        }

        // Then
        Assert.Empty(sink.Messages);
        Assert.True(File.Exists(Path.Combine(dir.Path, "new", SqliteLedger.FolderName, SqliteLedger.FileName)));
    }

    [Fact]
    public void Open_WhileAnotherRunHoldsTheOutdir_ThrowsBeforeCleaningUp()
    {
        // Given
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider();
        using var other = OutdirLock.Acquire(dir.Path, clock);
        var cleaned = false;

        // When
        var error = Record.Exception(() => RunSession.Open(dir.Path, () => { cleaned = true; return 0; }, clock, Logger(new CollectingSink())));

        // Then
        Assert.IsType<OutdirLockedException>(error);
        Assert.False(cleaned);
    }

    [Fact]
    public void Dispose_ReleasesTheOutdir()
    {
        // Given
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider();
        var session = RunSession.Open(dir.Path, () => 0, clock, Logger(new CollectingSink()));

        // When
        session.Dispose();

        // Then
        Assert.False(IsLocked(dir.Path));
    }

    [Fact]
    public async Task RecordAsync_RunEnds_RecordsExitCodeAndSummaryAfterStarted()
    {
        // Given
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider();
        var calls = new List<string>();
        var outcome = new IngestOutcome(new IngestSnapshot(3, 3, 2, 0, 0, 0, 1, 100, 2048, TimeSpan.FromSeconds(5)), false, null, "AAA: IOException: disk full");

        // When
        using (var session = RunSession.Open(dir.Path, () => 0, clock, Logger(new CollectingSink())))
        {
            var recorded = await session.RecordAsync(
                "smallcaps ingest-daily",
                () => { calls.Add("start"); return Task.FromResult(outcome); },
                () => calls.Add("started"));
            Assert.Same(outcome, recorded);
        }

        // Then
        Assert.Equal(["start", "started"], calls);
        var run = Assert.Single(Runs(dir.Path));
        Assert.Equal(("smallcaps ingest-daily", (long?)ExitCodes.SomeFailed, IngestSummary.OneLine(outcome)), run);
    }

    [Fact]
    public async Task RecordAsync_RunThrows_RecordsCrashedAndRethrows()
    {
        // Given
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider();
        using var session = RunSession.Open(dir.Path, () => 0, clock, Logger(new CollectingSink()));

        // When
        var error = await Record.ExceptionAsync(() => session.RecordAsync("smallcaps ingest-daily", () => Task.FromException<IngestOutcome>(new InvalidDataException("boom")), () => { }));

        // Then
        Assert.IsType<InvalidDataException>(error);
        Assert.Equal(("smallcaps ingest-daily", (long?)ExitCodes.SomeFailed, "crashed"), Assert.Single(Runs(dir.Path)));
    }

    private static Serilog.Core.Logger Logger(CollectingSink sink) => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();

    private static bool IsLocked(string outdir)
    {
        try
        {
            using var probe = OutdirLock.Acquire(outdir, new FakeTimeProvider());
            return false;
        }
        catch (OutdirLockedException)
        {
            return true;
        }
    }

    private static List<(string CommandLine, long? ExitCode, string? Summary)> Runs(string outdir)
    {
        var path = Path.Combine(outdir, SqliteLedger.FolderName, SqliteLedger.FileName);
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT command_line, exit_code, summary FROM runs ORDER BY id";
        using var reader = cmd.ExecuteReader();
        var runs = new List<(string, long?, string?)>();
        while (reader.Read())
        {
            runs.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return runs;
    }
}
