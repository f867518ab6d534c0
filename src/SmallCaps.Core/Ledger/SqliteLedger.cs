using System.Globalization;
using Microsoft.Data.Sqlite;
using NodaTime;
using SmallCaps.Core.Input;

namespace SmallCaps.Core.Ledger;

/// <summary>
/// The run ledger: <c>&lt;outdir&gt;/_ledger/ledger.db</c> (SQLite, WAL). One connection per
/// process; every change goes through a <see cref="LedgerTransaction"/>, one at a time.
/// <c>synchronous=FULL</c>: a task is marked done only after its file is renamed and fsynced, and
/// a commit per task is cheap next to an HTTP page, so we pay the fsync and never lose a "done".
/// </summary>
public sealed class SqliteLedger : IDisposable
{
    /// <summary>Folder of the ledger and the lock, relative to the outdir.</summary>
    public const string FolderName = "_ledger";

    /// <summary>Ledger file name inside <see cref="FolderName"/>.</summary>
    public const string FileName = "ledger.db";

    private static readonly object InitGate = new();
    private static bool _initialized;
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _clock;
    private readonly TimeSpan _waitLimit;

    private SqliteLedger(string outdir, SqliteConnection connection, TimeProvider clock, TimeSpan waitLimit)
    {
        Outdir = outdir;
        _connection = connection;
        _clock = clock;
        _waitLimit = waitLimit;
    }

    /// <summary>The lake root this ledger belongs to.</summary>
    public string Outdir { get; }

    /// <summary>Lines for the run log from upgrading an older ledger when it was opened (bar files that could not be read).</summary>
    public IReadOnlyList<string> UpgradeNotes { get; private init; } = [];

    /// <summary>Opens (creating if needed) the ledger of <paramref name="outdir"/>.</summary>
    /// <param name="outdir">Root of the lake.</param>
    /// <param name="clock">Source of updated_at times.</param>
    /// <param name="waitLimit">Longest wait for another transaction of this process (default 2 minutes): a wait is never endless.</param>
    public static SqliteLedger Open(string outdir, TimeProvider clock, TimeSpan? waitLimit = null)
    {
        EnsureSqlite();
        var folder = Path.Combine(outdir, FolderName);
        Directory.CreateDirectory(folder);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout=10000;");

            // Before any write: a newer build's ledger may mean things this build would undo.
            if (LedgerSchema.TooNewProblem(outdir, LedgerSchema.VersionOf(connection)) is { } tooNew)
            {
                throw new InputException(tooNew);
            }

            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, "PRAGMA synchronous=FULL;");
            Execute(connection, "PRAGMA foreign_keys=ON;");
            var notes = LedgerSchema.Upgrade(connection, outdir);
            return new SqliteLedger(outdir, connection, clock, waitLimit ?? TimeSpan.FromMinutes(2)) { UpgradeNotes = notes };
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Starts a transaction; waits for any other one to finish. Dispose without Commit rolls back.</summary>
    public LedgerTransaction Begin()
    {
        Enter();
        try
        {
            var tx = _connection.BeginTransaction();
            return new LedgerTransaction(_connection, tx, _clock, () => _gate.Release());
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>All tasks of a dataset.</summary>
    public IReadOnlyList<LedgerTask> Tasks(string dataset) => Rows(
        "SELECT id, dataset, ticker, window_start, window_end, state, attempts, last_error, rows, bytes, sha256, first_t, last_t, file_path, adjusted, timespan, COALESCE(fetched_at, (SELECT MIN(started_at) FROM runs), updated_at) FROM tasks WHERE dataset = $d ORDER BY ticker, window_start",
        dataset,
        reader => new LedgerTask
        {
            Id = reader.GetInt64(0),
            Key = new TaskKey(reader.GetString(1), reader.GetString(2), ParseDate(reader.GetString(3)), ParseDate(reader.GetString(4))),
            State = TaskStateNames.Parse(reader.GetString(5)),
            Attempts = reader.GetInt32(6),
            LastError = reader.IsDBNull(7) ? null : reader.GetString(7),
            Rows = reader.GetInt64(8),
            Bytes = reader.GetInt64(9),
            Sha256 = reader.IsDBNull(10) ? null : reader.GetString(10),
            FirstT = reader.IsDBNull(11) ? null : reader.GetInt64(11),
            LastT = reader.IsDBNull(12) ? null : reader.GetInt64(12),
            FilePath = reader.IsDBNull(13) ? null : reader.GetString(13),
            Adjusted = reader.GetInt64(14) != 0,
            Timespan = reader.GetString(15),
            FetchedAt = ParseInstant(reader.GetString(16)),
        });

    /// <summary>
    /// The members recorded for the tasks of a dataset (see <see cref="LedgerTransaction.SetMembers"/>), by task id,
    /// in order; only tasks whose window starts on <paramref name="windowStart"/> when given.
    /// </summary>
    public IReadOnlyDictionary<long, IReadOnlyList<string>> Members(string dataset, LocalDate? windowStart = null) => Rows(
            "SELECT m.task_id, m.members FROM task_members m JOIN tasks t ON t.id = m.task_id WHERE t.dataset = $d AND ($s IS NULL OR t.window_start = $s)",
            dataset,
            reader => (Id: reader.GetInt64(0), Text: reader.GetString(1)),
            cmd => cmd.Parameters.AddWithValue("$s", windowStart is { } s ? FormatDate(s) : (object)DBNull.Value))
        .ToDictionary(m => m.Id, m => (IReadOnlyList<string>)(m.Text.Length == 0 ? [] : m.Text.Split('\n')));

    /// <summary>Merges of a dataset a run started and did not finish (see <see cref="MergeRecord"/>).</summary>
    public IReadOnlyList<MergeRecord> Merges(string dataset) => Rows(
        "SELECT id, dataset, ticker, window_start, window_end, state, temp_path, file_path, rows, bytes, sha256, first_t, last_t, adjusted, timespan, source_ids, source_paths, fetched_at FROM merges WHERE dataset = $d ORDER BY id",
        dataset,
        reader =>
        {
            var ids = reader.GetString(15);
            var paths = reader.GetString(16);
            return new MergeRecord
            {
                Id = reader.GetInt64(0),
                Key = new TaskKey(reader.GetString(1), reader.GetString(2), ParseDate(reader.GetString(3)), ParseDate(reader.GetString(4))),
                Published = reader.GetString(5) == "published",
                TempPath = reader.GetString(6),
                File = new CommittedFile(reader.GetString(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetString(10), reader.GetInt64(11), reader.GetInt64(12)),
                Adjusted = reader.GetInt64(13) != 0,
                Timespan = reader.GetString(14),
                SourceIds = ids.Length == 0 ? [] : ids.Split('\n').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList(),
                SourcePaths = paths.Length == 0 ? [] : paths.Split('\n'),
                FetchedAt = reader.IsDBNull(17) ? null : ParseInstant(reader.GetString(17)),
            };
        });

    /// <summary>
    /// By ticker, the last New York date through which its adjusted windows of <paramref name="dataset"/> were checked
    /// against the vendor's splits (see <see cref="LedgerTransaction.SetSplitsChecked"/>).
    /// </summary>
    public IReadOnlyDictionary<string, LocalDate> SplitsChecked(string dataset) =>
        Rows("SELECT ticker, checked_through FROM split_checks WHERE dataset = $d", dataset, reader => (Ticker: reader.GetString(0), Through: ParseDate(reader.GetString(1))))
            .ToDictionary(c => c.Ticker, c => c.Through, StringComparer.Ordinal);

    /// <summary>
    /// The done and empty windows of a dataset marked to be fetched again because an older build may have settled them
    /// before the vendor published their last sessions (see <see cref="UnpublishedTails"/>).
    /// </summary>
    public IReadOnlyList<LedgerTask> TailRechecks(string dataset) => TailRechecks(dataset, null);

    /// <summary>The same among <paramref name="known"/>, the dataset's tasks a caller has read already (null: read them).</summary>
    public IReadOnlyList<LedgerTask> TailRechecks(string dataset, IReadOnlyList<LedgerTask>? known)
    {
        var marked = TailRecheckIds();
        return marked.Count == 0 ? [] : (known ?? Tasks(dataset)).Where(t => marked.Contains(t.Id) && t.State is TaskState.Done or TaskState.Empty).ToList();
    }

    /// <summary>The ids of every task marked in <c>tail_rechecks</c> (see <see cref="UnpublishedTails"/>), without reading the tasks.</summary>
    public IReadOnlySet<long> TailRecheckIds() => Rows("SELECT task_id FROM tail_rechecks", string.Empty, reader => reader.GetInt64(0)).ToHashSet();

    /// <summary>Counts tasks of a dataset by state.</summary>
    public IReadOnlyDictionary<TaskState, int> CountByState(string dataset)
    {
        var counts = new Dictionary<TaskState, int>();
        foreach (var t in Tasks(dataset))
        {
            counts[t.State] = counts.GetValueOrDefault(t.State) + 1;
        }

        return counts;
    }

    /// <summary>Records the start of a run; the command line must already have the key removed.</summary>
    public long StartRun(string commandLine)
    {
        using var tx = Begin();
        var id = tx.InsertRun(commandLine);
        tx.Commit();
        return id;
    }

    /// <summary>Records the end of a run.</summary>
    public void EndRun(long runId, int exitCode, string summary)
    {
        using var tx = Begin();
        tx.EndRun(runId, exitCode, summary);
        tx.Commit();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    internal static LocalDate ParseDate(string text) =>
        NodaTime.Text.LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    internal static string FormatDate(LocalDate date) => IngestRangeParser.Format(date);

    internal static string FormatNow(TimeProvider clock) => FormatInstant(clock.GetUtcNow());

    internal static string FormatInstant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    // One read under the gate: the rows a query gives for a dataset ($d), each mapped by row.
    private List<T> Rows<T>(string sql, string dataset, Func<SqliteDataReader, T> row, Action<SqliteCommand>? bind = null)
    {
        Enter();
        try
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = sql;
            cmd.Parameters.AddWithValue("$d", dataset);
            bind?.Invoke(cmd);
            using var reader = cmd.ExecuteReader();
            var list = new List<T>();
            while (reader.Read())
            {
                list.Add(row(reader));
            }

            return list;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Enter()
    {
        if (!_gate.Wait(_waitLimit))
        {
            throw new TimeoutException($"The ledger stayed busy for {_waitLimit}: a transaction was left open.");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
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
