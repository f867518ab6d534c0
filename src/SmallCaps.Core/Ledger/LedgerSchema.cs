using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SmallCaps.Core.Ledger;

/// <summary>
/// DDL of the SQLite ledger and its version (<c>meta.schema_version</c>). Version 1 is every ledger of the builds
/// before versions were kept (tables and columns were added to it without a new number); version 2 adds
/// <c>tail_rechecks</c> and marks there the windows an older build may have settled before the vendor published them
/// (see <see cref="UnpublishedTails"/>). A build refuses a ledger whose version is newer than <see cref="CurrentVersion"/>.
/// </summary>
internal static class LedgerSchema
{
    /// <summary>The version this build writes: bump it, and add an upgrade step, whenever the ledger or its meaning changes.</summary>
    public const int CurrentVersion = 2;

    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS tasks (
            id INTEGER PRIMARY KEY,
            dataset TEXT NOT NULL,
            ticker TEXT NOT NULL,
            window_start TEXT NOT NULL,
            window_end TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            rows INTEGER NOT NULL DEFAULT 0,
            bytes INTEGER NOT NULL DEFAULT 0,
            sha256 TEXT,
            first_t INTEGER,
            last_t INTEGER,
            file_path TEXT,
            adjusted INTEGER NOT NULL,
            timespan TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            fetched_at TEXT,
            UNIQUE (dataset, ticker, window_start, window_end)
        );
        CREATE INDEX IF NOT EXISTS tasks_by_state ON tasks (dataset, state);
        CREATE TABLE IF NOT EXISTS task_members (
            task_id INTEGER PRIMARY KEY,
            members TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS merges (
            id INTEGER PRIMARY KEY,
            dataset TEXT NOT NULL,
            ticker TEXT NOT NULL,
            window_start TEXT NOT NULL,
            window_end TEXT NOT NULL,
            state TEXT NOT NULL,
            temp_path TEXT NOT NULL,
            file_path TEXT NOT NULL,
            rows INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            first_t INTEGER NOT NULL,
            last_t INTEGER NOT NULL,
            adjusted INTEGER NOT NULL,
            timespan TEXT NOT NULL,
            source_ids TEXT NOT NULL,
            source_paths TEXT NOT NULL,
            fetched_at TEXT
        );
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            command_line TEXT NOT NULL,
            exit_code INTEGER,
            summary TEXT
        );
        CREATE TABLE IF NOT EXISTS meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS split_checks (
            dataset TEXT NOT NULL,
            ticker TEXT NOT NULL,
            checked_through TEXT NOT NULL,
            PRIMARY KEY (dataset, ticker)
        );
        CREATE TABLE IF NOT EXISTS tail_rechecks (
            task_id INTEGER PRIMARY KEY
        );
        """;

    /// <summary>Columns added after version 1: (table, column, type), added to a ledger that lacks them.</summary>
    private static readonly (string Table, string Column, string Type)[] Added =
    [
        // When a done file's bars were asked of the vendor (a merge keeps its oldest source's): adjusted bars older than a split are stale.
        ("tasks", "fetched_at", "TEXT"),
        ("merges", "fetched_at", "TEXT"),
    ];

    /// <summary>
    /// The ledger's version: null for a new, empty database; 1 for a ledger of a build before versions were kept.
    /// </summary>
    public static int? VersionOf(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        if (!HasTable(connection, "meta", transaction))
        {
            return HasTable(connection, "tasks", transaction) ? 1 : null;
        }

        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
        var value = cmd.ExecuteScalar() as string;
        return value is null ? 1 : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : int.MaxValue;
    }

    /// <summary>The one line refusing a ledger a newer build wrote (exit 2), or null when this build knows its version.</summary>
    public static string? TooNewProblem(string outdir, int? version) =>
        version > CurrentVersion
            ? string.Create(CultureInfo.InvariantCulture, $"{outdir} was written by a newer smallcaps (ledger version {(version == int.MaxValue ? "unknown" : version)}; this build knows up to {CurrentVersion}): install the newer version")
            : null;

    /// <summary>
    /// Creates the tables and brings a ledger of an older version to <see cref="CurrentVersion"/>, in one transaction:
    /// the new version is written only with every step. A ledger already current is left as it is. Returns the lines to
    /// log (files of <paramref name="outdir"/> that could not be read).
    /// </summary>
    public static IReadOnlyList<string> Upgrade(SqliteConnection connection, string outdir)
    {
        // The bar files are read before the transaction: it should not hold the ledger while they are.
        var gaps = VersionOf(connection) is < 2 && HasTable(connection, "tasks", null) ? UnpublishedGaps.Find(connection, outdir) : null;
        using var tx = connection.BeginTransaction();
        var version = VersionOf(connection, tx);
        if (version == CurrentVersion)
        {
            return [];
        }

        Execute(connection, tx, Ddl);
        foreach (var (table, column, type) in Added)
        {
            if (!HasColumn(connection, table, column, tx))
            {
                Execute(connection, tx, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
            }
        }

        if (version is < 2)
        {
            gaps ??= UnpublishedGaps.Find(connection, outdir, tx);
            UnpublishedTails.Mark(connection, tx, gaps);
        }

        Execute(connection, tx, string.Create(CultureInfo.InvariantCulture, $"INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', '{CurrentVersion}')"));
        tx.Commit();
        return gaps?.Notes ?? [];
    }

    /// <summary>Whether a table has a column (readers of older ledgers check before selecting it).</summary>
    public static bool HasColumn(SqliteConnection connection, string table, string column, SqliteTransaction? transaction = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT COUNT(*) FROM pragma_table_info($t) WHERE name = $c";
        cmd.Parameters.AddWithValue("$t", table);
        cmd.Parameters.AddWithValue("$c", column);
        return (long)cmd.ExecuteScalar()! > 0;
    }

    /// <summary>Whether the ledger has a table (an older build's may lack some).</summary>
    public static bool HasTable(SqliteConnection connection, string table, SqliteTransaction? transaction)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $t";
        cmd.Parameters.AddWithValue("$t", table);
        return (long)cmd.ExecuteScalar()! > 0;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
