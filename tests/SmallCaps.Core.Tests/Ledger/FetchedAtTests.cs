using Microsoft.Data.Sqlite;
using NodaTime;
using SmallCaps.Core.Ledger;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ledger;

// When a done file's bars were fetched: what tells a split-stale window from a fresh one, through merges and upgrades.
public sealed class FetchedAtTests
{
    private static readonly DateTimeOffset Monday = new(2025, 6, 2, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Merge_KeepsTheOldestSourcesFetchTime_NotTheTimeOfTheMerge()
    {
        // Given: two windows fetched a week apart
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(Monday);
        using var ledger = SqliteLedger.Open(dir.Path, clock);
        var first = Done(ledger, Window(1, 6), "a");
        clock.Advance(TimeSpan.FromDays(7));
        var second = Done(ledger, Window(7, 12), "b");
        clock.Advance(TimeSpan.FromDays(1));
        var sources = ledger.Tasks("bars_1d");

        // When: merged the day after
        using (var tx = ledger.Begin())
        {
            var merge = new MergeRecord
            {
                Key = Window(1, 12),
                TempPath = "t",
                File = new CommittedFile("merged", 2, 2, "ab", 1, 2),
                Timespan = "day",
                Adjusted = true,
                SourceIds = [first, second],
                SourcePaths = ["a", "b"],
                FetchedAt = sources.Min(s => s.FetchedAt),
            };
            tx.PublishMerge(merge with { Id = tx.InsertMerge(merge) });
            tx.Commit();
        }

        // Then
        Assert.Equal(Monday, Assert.Single(ledger.Tasks("bars_1d")).FetchedAt);
    }

    [Fact]
    public void Open_LedgerFromBeforeFetchedAt_AddsTheColumnAndDatesOldRowsFromTheFirstRun()
    {
        // Given: a ledger as an older build wrote it (no fetched_at): its first run in January, a done task merged in July
        using var dir = new TempDirectory();
        var folder = Directory.CreateDirectory(Path.Combine(dir.Path, SqliteLedger.FolderName)).FullName;
        using (var old = new SqliteConnection($"Data Source={Path.Combine(folder, SqliteLedger.FileName)};Pooling=False"))
        {
            old.Open();
            using var cmd = old.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE tasks (id INTEGER PRIMARY KEY, dataset TEXT NOT NULL, ticker TEXT NOT NULL, window_start TEXT NOT NULL, window_end TEXT NOT NULL,
                    state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, rows INTEGER NOT NULL DEFAULT 0, bytes INTEGER NOT NULL DEFAULT 0,
                    sha256 TEXT, first_t INTEGER, last_t INTEGER, file_path TEXT, adjusted INTEGER NOT NULL, timespan TEXT NOT NULL, updated_at TEXT NOT NULL,
                    UNIQUE (dataset, ticker, window_start, window_end));
                INSERT INTO tasks (dataset, ticker, window_start, window_end, state, rows, sha256, first_t, last_t, file_path, adjusted, timespan, updated_at)
                VALUES ('bars_1d', 'AAA', '2025-01-01', '2025-06-30', 'done', 2, 'ab', 1, 2, 'f', 1, 'day', '2025-07-01T02:00:00.000Z');
                CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, ended_at TEXT, command_line TEXT NOT NULL, exit_code INTEGER, summary TEXT);
                INSERT INTO runs (started_at, command_line) VALUES ('2025-01-03T01:00:00.000Z', 'ingest-daily'), ('2025-07-01T01:59:00.000Z', 'ingest-daily');
                """;
            cmd.ExecuteNonQuery();
        }

        // When
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider(Monday));

        // Then: readable, dated no later than its bars can be (the first run, not the merge), and new rows record their fetch
        Assert.Equal(new DateTimeOffset(2025, 1, 3, 1, 0, 0, TimeSpan.Zero), Assert.Single(ledger.Tasks("bars_1d")).FetchedAt);
        Assert.Equal(new DateTimeOffset(2025, 1, 3, 1, 0, 0, TimeSpan.Zero), SmallCaps.Core.Verify.LedgerView.ReadTasks(Path.Combine(folder, SqliteLedger.FileName)).Single().FetchedAt!.Value.ToDateTimeOffset());
        Done(ledger, new TaskKey("bars_1d", "BBB", new LocalDate(2025, 1, 1), new LocalDate(2025, 6, 30)), "g");
        Assert.Equal(Monday, ledger.Tasks("bars_1d").Single(t => t.Key.Ticker == "BBB").FetchedAt);
    }

    private static TaskKey Window(int fromMonth, int toMonth) =>
        new("bars_1d", "AAA", new LocalDate(2024, fromMonth, 1), new LocalDate(2024, toMonth, 1).PlusMonths(1).PlusDays(-1));

    private static long Done(SqliteLedger ledger, TaskKey key, string path)
    {
        using var tx = ledger.Begin();
        var id = tx.EnsureTask(key, adjusted: true, "day");
        tx.MarkDone(id, new CommittedFile(path, 1, 1, "ab", 1, 1));
        tx.Commit();
        return id;
    }
}
