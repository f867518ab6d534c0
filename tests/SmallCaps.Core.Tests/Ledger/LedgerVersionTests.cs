using Microsoft.Data.Sqlite;
using NodaTime;
using SmallCaps.Core.Api;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Input;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Verify;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ledger;

// The ledger's version: a newer build's ledger is refused untouched; an older one is upgraded and stamped.
public sealed class LedgerVersionTests
{
    private static readonly DateTimeOffset SaturdayEvening = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Open_LedgerOfANewerVersion_RefusedWithOneLineAndLeftUnchanged()
    {
        // Given: a ledger a future build stamped version 99
        using var dir = new TempDirectory();
        CreateLedger(dir.Path, version: "99");
        var database = LedgerView.DatabasePath(dir.Path);
        var before = File.ReadAllBytes(database);

        // When
        var ingest = Assert.Throws<InputException>(() => SqliteLedger.Open(dir.Path, new FakeTimeProvider(SaturdayEvening)));
        var read = Assert.Throws<InputException>(() => LedgerView.ReadTasks(database));

        // Then: both say what and how to fix, and the file is byte for byte as it was (no WAL, no new table)
        Assert.Equal($"{dir.Path} was written by a newer smallcaps (ledger version 99; this build knows up to {LedgerSchema.CurrentVersion}): install the newer version", ingest.Message);
        Assert.Contains("ledger version 99", read.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(database));
        Assert.False(File.Exists(database + "-wal"));
    }

    [Fact]
    public void Open_Version1Ledger_UpgradedStampedAndRecentTailsMarked()
    {
        // Given: a version 1 ledger with a window through Friday whose bars end Thursday, fetched Saturday, and an old complete one
        using var dir = new TempDirectory();
        CreateLedger(dir.Path, version: "1");

        // When
        using (var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider(SaturdayEvening)))
        {
            // Then: the unsure window is marked, the old one not
            Assert.Equal("AAA", Assert.Single(ledger.TailRechecks("bars_1d")).Key.Ticker);
        }

        Assert.Equal("2", Scalar(dir.Path, "SELECT value FROM meta WHERE key = 'schema_version'"));
        Assert.Equal(1L, Scalar(dir.Path, "SELECT COUNT(*) FROM tail_rechecks"));
    }

    [Fact]
    public async Task Open_Version1LedgerWithNightlyEmpties_MarksOnlyEmptiesTradedAfterOrNewest()
    {
        // Given: nightly one-day windows, each fetched the evening after: CCC delisted (every night empty), DDD empty on
        // Wednesday (the vendor late) and traded Thursday and Friday
        using var dir = new TempDirectory();
        var nights = new[] { 16, 17, 18, 19, 20 }.Select(day =>
            $"('bars_1d', 'CCC', '2026-11-{day}', '2026-11-{day}', 'empty', 0, NULL, NULL, NULL, NULL, 1, 'day', '2026-11-{day + 1}T03:00:00.000Z')");
        CreateLedger(dir.Path, "1", [
            .. nights,
            "('bars_1d', 'DDD', '2026-11-18', '2026-11-18', 'empty', 0, NULL, NULL, NULL, NULL, 1, 'day', '2026-11-19T03:00:00.000Z')",
            "('bars_1d', 'DDD', '2026-11-19', '2026-11-20', 'done', 2, 'ef', 1795098600000, 1795185000000, 'bars_1d/ticker=DDD/part-20261119-20261120.parquet', 1, 'day', '2026-11-21T03:00:00.000Z')",
        ]);
        await WriteDailyBarsAsync(dir.Path, "DDD", new LocalDate(2026, 11, 19), new LocalDate(2026, 11, 20), new LocalDate(2026, 11, 19), new LocalDate(2026, 11, 20));

        // When
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider(SaturdayEvening));

        // Then: CCC's newest empty and DDD's empty before its bars are asked again; CCC's older empties are empty for good
        var marked = ledger.TailRechecks("bars_1d").Select(t => $"{t.Key.Ticker} {t.Key.WindowStart:yyyy-MM-dd}").Order(StringComparer.Ordinal);
        Assert.Equal(["CCC 2026-11-20", "DDD 2026-11-18"], marked);
    }

    [Fact]
    public async Task Open_Version1LedgerWithALateDayInsideAWindowEndingOnTime_MarksItAndAnUnreadableFile()
    {
        // Given: old nightly runs (the last started Saturday evening); EEE's window merged across Monday the vendor had
        // not published when fetched (bars Nov 2..13 and 17..20), FFF's complete, GGG's file gone, BBB's far older and gone too
        using var dir = new TempDirectory();
        var november = (int day) => new LocalDate(2026, 11, day);
        CreateLedger(dir.Path, "1", [
            "('bars_1d', 'EEE', '2026-11-02', '2026-11-20', 'done', 13, 'e1', 1793595600000, 1795150800000, 'bars_1d/ticker=EEE/part-20261102-20261120.parquet', 1, 'day', '2026-11-22T03:00:00.000Z')",
            "('bars_1d', 'FFF', '2026-11-02', '2026-11-20', 'done', 14, 'f1', 1793595600000, 1795150800000, 'bars_1d/ticker=FFF/part-20261102-20261120.parquet', 1, 'day', '2026-11-22T03:00:00.000Z')",
            "('bars_1d', 'GGG', '2026-11-02', '2026-11-20', 'done', 14, 'g1', 1793595600000, 1795150800000, 'bars_1d/ticker=GGG/part-20261102-20261120.parquet', 1, 'day', '2026-11-22T03:00:00.000Z')",
            "('bars_1d', 'BBB', '2026-01-02', '2026-06-30', 'done', 2, 'cd', 1, 2, 'bars_1d/ticker=BBB/part-20260102-20260630.parquet', 1, 'day', '2026-11-22T03:00:00.000Z')",
        ], runsStartedAt: ["2026-11-14T03:00:00.000Z", "2026-11-18T03:00:00.000Z", "2026-11-22T03:00:00.000Z"]);
        var sessions = Enumerable.Range(2, 19).Select(november).Where(d => NyseCalendar.HasSession(d, d)).ToArray();
        await WriteDailyBarsAsync(dir.Path, "EEE", november(2), november(20), [.. sessions.Where(d => d != november(16))]);
        await WriteDailyBarsAsync(dir.Path, "FFF", november(2), november(20), sessions);

        // When
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider(SaturdayEvening));

        // Then: EEE (Monday missing inside) and GGG (cannot be read, said so) are fetched again; FFF and BBB (no day at risk) not
        Assert.Equal(["EEE", "GGG"], ledger.TailRechecks("bars_1d").Select(t => t.Key.Ticker).Order(StringComparer.Ordinal));
        var note = Assert.Single(ledger.UpgradeNotes);
        Assert.StartsWith("bars_1d/ticker=GGG/part-20261102-20261120.parquet could not be read", note, StringComparison.Ordinal);
    }

    [Fact]
    public void AtRisk_RunStartDates_TheSessionsOfTheSevenDaysBeforeEachStartThroughIt()
    {
        // Saturday Nov 21 reaches back to Saturday Nov 14: Mon 16 .. Fri 20; Friday Nov 27 (Thanksgiving Thursday 26 closed) to Fri 20
        var atRisk = UnpublishedGaps.AtRisk([new LocalDate(2026, 11, 21), new LocalDate(2026, 11, 21), new LocalDate(2026, 11, 27)]);

        Assert.Equal(
            [16, 17, 18, 19, 20, 23, 24, 25, 27],
            atRisk.Order().Select(d => d.Day));
        Assert.Empty(UnpublishedGaps.AtRisk([]));
    }

    [Fact]
    public void Open_CurrentLedger_NotMarkedAgain()
    {
        // Given: a ledger upgraded once whose mark a run has cleared
        using var dir = new TempDirectory();
        CreateLedger(dir.Path, version: "1");
        using (var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider(SaturdayEvening)))
        {
            var marked = ledger.TailRechecks("bars_1d")[0].Key;
            using var tx = ledger.Begin();
            tx.ClearTailRecheck(marked);
            tx.Commit();
        }

        // When: opened again
        using var again = SqliteLedger.Open(dir.Path, new FakeTimeProvider(SaturdayEvening));

        // Then: the upgrade step ran once
        Assert.Empty(again.TailRechecks("bars_1d"));
    }

    [Fact]
    public void ReadTasks_Version1Ledger_ReadWithoutUpgrading()
    {
        // Given
        using var dir = new TempDirectory();
        CreateLedger(dir.Path, version: "1");
        var database = LedgerView.DatabasePath(dir.Path);
        var before = File.ReadAllBytes(database);

        // When
        var tasks = LedgerView.ReadTasks(database);

        // Then: read-only verbs leave an older ledger as it was
        Assert.Equal(2, tasks.Count);
        Assert.Equal(before, File.ReadAllBytes(database));
    }

    // A ledger as a build of `version` leaves it (journal mode DELETE, as after a backup restore, so bytes can be compared).
    internal static void CreateLedger(string outdir, string version) => CreateLedger(outdir, version, [
        "('bars_1d', 'AAA', '2026-11-02', '2026-11-20', 'done', 14, 'ab', 1793595600000, 1795064400000, 'bars_1d/ticker=AAA/part-20261102-20261120.parquet', 1, 'day', '2026-11-22T03:00:00.000Z')",
        "('bars_1d', 'BBB', '2026-01-02', '2026-06-30', 'done', 2, 'cd', 1, 2, 'bars_1d/ticker=BBB/part-20260102-20260630.parquet', 1, 'day', '2026-11-22T03:00:00.000Z')",
    ]);

    // The same with these task rows (dataset, ticker, window, state, rows, sha256, first_t, last_t, file_path, adjusted, timespan, updated_at).
    internal static void CreateLedger(string outdir, string version, IReadOnlyList<string> tasks, IReadOnlyList<string>? runsStartedAt = null)
    {
        var runs = runsStartedAt is null or [] ? "" : $"INSERT INTO runs (started_at, command_line) VALUES {string.Join(", ", runsStartedAt.Select(s => $"('{s}', 'smallcaps ingest-daily')"))};";
        var folder = Directory.CreateDirectory(Path.Combine(outdir, SqliteLedger.FolderName)).FullName;
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, SqliteLedger.FileName)};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            CREATE TABLE tasks (id INTEGER PRIMARY KEY, dataset TEXT NOT NULL, ticker TEXT NOT NULL, window_start TEXT NOT NULL, window_end TEXT NOT NULL,
                state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, rows INTEGER NOT NULL DEFAULT 0, bytes INTEGER NOT NULL DEFAULT 0,
                sha256 TEXT, first_t INTEGER, last_t INTEGER, file_path TEXT, adjusted INTEGER NOT NULL, timespan TEXT NOT NULL, updated_at TEXT NOT NULL,
                UNIQUE (dataset, ticker, window_start, window_end));
            INSERT INTO tasks (dataset, ticker, window_start, window_end, state, rows, sha256, first_t, last_t, file_path, adjusted, timespan, updated_at)
            VALUES {string.Join(", ", tasks)};
            CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, ended_at TEXT, command_line TEXT NOT NULL, exit_code INTEGER, summary TEXT);
            {runs}
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO meta (key, value) VALUES ('schema_version', '{version}');
            """;
        cmd.ExecuteNonQuery();
    }

    // A daily bar file of `ticker`'s window with a bar at New York midnight of each session.
    internal static async Task WriteDailyBarsAsync(string outdir, string ticker, LocalDate start, LocalDate end, params LocalDate[] sessions)
    {
        var key = new TaskKey(BarDataset.Daily.Name, ticker, start, end);
        var page = new BarPage();
        foreach (var session in sessions)
        {
            page.Add(session.AtStartOfDayInZone(NewYorkTime.Zone).ToInstant().ToUnixTimeMilliseconds(), 1, 2, 0.5, 1.5, 100);
        }

        using var file = BarPartFile.Create(outdir, LakeLayout.RelativePath(BarDataset.Daily, key), key);
        await file.AppendAsync(page, default);
        await file.CommitAsync(default);
    }

    private static object? Scalar(string outdir, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={LedgerView.DatabasePath(outdir)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
