using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Verify;

/// <summary>
/// Adapter to the ledger's SQLite tables for verify and backup: reads <c>tasks</c> directly,
/// read-only, without the run lock (a live ingest keeps writing; we see its committed state).
/// The one place that knows the ledger's file name and columns.
/// </summary>
public static class LedgerView
{
    private static readonly object InitGate = new();
    private static bool _initialized;

    /// <summary>The ledger database of an outdir.</summary>
    public static string DatabasePath(string outdir) => Path.Combine(outdir, SqliteLedger.FolderName, SqliteLedger.FileName);

    /// <summary>Folder of the ledger (and the run lock), relative to the outdir.</summary>
    public static string FolderName => SqliteLedger.FolderName;

    /// <summary>
    /// Whether a live run holds the outdir's lock (its temp files and running tasks are then expected).
    /// Probes with a shared open that fails while the run holds its exclusive one; never waits.
    /// </summary>
    public static bool IsRunActive(string outdir)
    {
        var lockPath = Path.Combine(outdir, SqliteLedger.FolderName, "run.lock");
        if (!File.Exists(lockPath))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Throws <see cref="Input.InputException"/> when the outdir's ledger was written by a newer build (its version is
    /// beyond this build's); nothing when there is no ledger. Verbs check this before they write anything.
    /// </summary>
    public static void EnsureKnownVersion(string outdir)
    {
        var path = DatabasePath(outdir);
        if (File.Exists(path))
        {
            using var connection = OpenReadOnly(path);
        }
    }

    /// <summary>
    /// The line saying the outdir's ledger was written by a newer build (as <see cref="EnsureKnownVersion"/> throws it),
    /// or null: no ledger, or a version this build knows. Reads only the version.
    /// </summary>
    public static string? TooNewProblem(string outdir)
    {
        var path = DatabasePath(outdir);
        if (!File.Exists(path))
        {
            return null;
        }

        using var connection = OpenReadOnly(path, checkVersion: false);
        return LedgerSchema.TooNewProblem(OutdirOf(path), LedgerSchema.VersionOf(connection));
    }

    /// <summary>Every task of every dataset, ordered by dataset, ticker, window.</summary>
    public static IReadOnlyList<LedgerEntry> ReadTasks(string databasePath)
    {
        using var connection = OpenReadOnly(databasePath);
        using var cmd = connection.CreateCommand();
        // As SqliteLedger.Tasks reads it: rows from before fetched_at date from the ledger's first run, not a later merge.
        var fetchedAt = Ledger.LedgerSchema.HasColumn(connection, "tasks", "fetched_at") ? "COALESCE(fetched_at, (SELECT MIN(started_at) FROM runs), updated_at)" : "COALESCE((SELECT MIN(started_at) FROM runs), updated_at)";
        cmd.CommandText = $"SELECT dataset, ticker, window_start, window_end, state, last_error, rows, bytes, sha256, first_t, last_t, file_path, adjusted, {fetchedAt} FROM tasks ORDER BY dataset, ticker, window_start";
        using var reader = cmd.ExecuteReader();
        var list = new List<LedgerEntry>();
        while (reader.Read())
        {
            list.Add(new LedgerEntry(
                reader.GetString(0),
                reader.GetString(1),
                ParseDate(reader.GetString(2)),
                ParseDate(reader.GetString(3)),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetInt64(9),
                reader.IsDBNull(10) ? null : reader.GetInt64(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.GetInt64(12) != 0,
                reader.IsDBNull(13) ? null : ParseInstant(reader.GetString(13))));
        }

        return list;
    }

    /// <summary>Merges a killed run left journalled (dataset, ticker, merged window); none in a ledger older than merging.</summary>
    public static IReadOnlyList<(string Dataset, string Ticker, LocalDate WindowStart, LocalDate WindowEnd)> ReadUnfinishedMerges(string databasePath)
    {
        using var connection = OpenReadOnly(databasePath);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'merges'";
        if ((long)cmd.ExecuteScalar()! == 0)
        {
            return [];
        }

        cmd.CommandText = "SELECT dataset, ticker, window_start, window_end FROM merges ORDER BY dataset, ticker, window_start";
        using var reader = cmd.ExecuteReader();
        var list = new List<(string, string, LocalDate, LocalDate)>();
        while (reader.Read())
        {
            list.Add((reader.GetString(0), reader.GetString(1), ParseDate(reader.GetString(2)), ParseDate(reader.GetString(3))));
        }

        return list;
    }

    /// <summary>
    /// Copies the ledger with SQLite's online backup API: a consistent image of what was committed,
    /// even while an ingest writes to it.
    /// </summary>
    public static void BackupTo(string databasePath, string destinationPath)
    {
        using var source = OpenReadOnly(databasePath);
        var builder = new SqliteConnectionStringBuilder { DataSource = destinationPath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        using (var destination = new SqliteConnection(builder.ToString()))
        {
            destination.Open();
            source.BackupDatabase(destination);
            using var cmd = destination.CreateCommand();

            // A self-contained file: no -wal beside it to carry along.
            cmd.CommandText = "PRAGMA journal_mode=DELETE;";
            cmd.ExecuteNonQuery();
        }
    }

    private static SqliteConnection OpenReadOnly(string databasePath, bool checkVersion = true)
    {
        EnsureSqlite();
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"no ledger at {databasePath}", databasePath);
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA busy_timeout=10000;";
            cmd.ExecuteNonQuery();

            // Read only, never upgraded here; but a newer build's ledger may mean things this build would misreport.
            if (checkVersion && LedgerSchema.TooNewProblem(OutdirOf(databasePath), LedgerSchema.VersionOf(connection)) is { } tooNew)
            {
                throw new Input.InputException(tooNew);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string OutdirOf(string databasePath) => Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(databasePath))) ?? databasePath;

    private static LocalDate ParseDate(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    private static Instant? ParseInstant(string text)
    {
        var parsed = InstantPattern.ExtendedIso.Parse(text);
        return parsed.Success ? parsed.Value : null;
    }

    private static void EnsureSqlite()
    {
        lock (InitGate)
        {
            if (!_initialized)
            {
                SQLitePCL.Batteries_V2.Init();
                _initialized = true;
            }
        }
    }
}
