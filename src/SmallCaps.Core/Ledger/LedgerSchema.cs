namespace SmallCaps.Core.Ledger;

/// <summary>
/// DDL of the SQLite ledger (version 1; <c>task_members</c> and <c>merges</c> were added later, created on open;
/// <c>fetched_at</c> later still, added to older ledgers by <see cref="Upgrade"/>).
/// </summary>
internal static class LedgerSchema
{
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
        INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '1');
        """;

    /// <summary>Columns added after version 1: (table, column, type), added to a ledger that lacks them.</summary>
    private static readonly (string Table, string Column, string Type)[] Added =
    [
        // When a done file's bars were asked of the vendor (a merge keeps its oldest source's): adjusted bars older than a split are stale.
        ("tasks", "fetched_at", "TEXT"),
        ("merges", "fetched_at", "TEXT"),
    ];

    /// <summary>Adds the columns a ledger written by an older build lacks (its rows get null there).</summary>
    public static void Upgrade(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        foreach (var (table, column, type) in Added)
        {
            if (!HasColumn(connection, table, column))
            {
                using var alter = connection.CreateCommand();
                alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {type}";
                alter.ExecuteNonQuery();
            }
        }
    }

    /// <summary>Whether a table has a column (readers of older ledgers check before selecting it).</summary>
    public static bool HasColumn(Microsoft.Data.Sqlite.SqliteConnection connection, string table, string column)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM pragma_table_info($t) WHERE name = $c";
        cmd.Parameters.AddWithValue("$t", table);
        cmd.Parameters.AddWithValue("$c", column);
        return (long)cmd.ExecuteScalar()! > 0;
    }
}
