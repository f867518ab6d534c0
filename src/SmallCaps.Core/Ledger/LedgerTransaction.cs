using Microsoft.Data.Sqlite;

namespace SmallCaps.Core.Ledger;

/// <summary>A unit of ledger changes. Nothing is visible until <see cref="Commit"/>; Dispose without it rolls back.</summary>
public sealed class LedgerTransaction : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _tx;
    private readonly TimeProvider _clock;
    private readonly Action _release;
    private bool _finished;
    private bool _disposed;

    internal LedgerTransaction(SqliteConnection connection, SqliteTransaction tx, TimeProvider clock, Action release)
    {
        _connection = connection;
        _tx = tx;
        _clock = clock;
        _release = release;
    }

    /// <summary>Adds a pending task unless one with the same key exists; returns the row id either way.</summary>
    public long EnsureTask(TaskKey key, bool adjusted, string timespan)
    {
        using (var insert = Command("INSERT OR IGNORE INTO tasks (dataset, ticker, window_start, window_end, state, adjusted, timespan, updated_at) VALUES ($d, $t, $s, $e, 'pending', $a, $ts, $u)"))
        {
            AddKey(insert, key);
            insert.Parameters.AddWithValue("$a", adjusted ? 1 : 0);
            insert.Parameters.AddWithValue("$ts", timespan);
            insert.Parameters.AddWithValue("$u", SqliteLedger.FormatNow(_clock));
            insert.ExecuteNonQuery();
        }

        using var select = Command("SELECT id FROM tasks WHERE dataset = $d AND ticker = $t AND window_start = $s AND window_end = $e");
        AddKey(select, key);
        return (long)select.ExecuteScalar()!;
    }

    /// <summary>Marks a task running and counts the attempt.</summary>
    public void MarkRunning(long taskId)
    {
        using var cmd = Command("UPDATE tasks SET state = 'running', attempts = attempts + 1, updated_at = $u WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", taskId);
        cmd.Parameters.AddWithValue("$u", SqliteLedger.FormatNow(_clock));
        cmd.ExecuteNonQuery();
    }

    /// <summary>Sets a state without a file (pending, empty, not-found, not-entitled, failed).</summary>
    public void SetState(long taskId, TaskState state, string? error = null)
    {
        if (state == TaskState.Done)
        {
            throw new ArgumentException("Use MarkDone to record a committed file.", nameof(state));
        }

        using var cmd = Command("UPDATE tasks SET state = $s, last_error = $err, rows = 0, bytes = 0, sha256 = NULL, first_t = NULL, last_t = NULL, file_path = NULL, updated_at = $u WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", taskId);
        cmd.Parameters.AddWithValue("$s", state.ToName());
        cmd.Parameters.AddWithValue("$err", (object?)error ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$u", SqliteLedger.FormatNow(_clock));
        cmd.ExecuteNonQuery();
    }

    /// <summary>Marks a task done with the facts of its published file.</summary>
    public void MarkDone(long taskId, CommittedFile file)
    {
        using var cmd = Command("UPDATE tasks SET state = 'done', last_error = NULL, rows = $r, bytes = $b, sha256 = $h, first_t = $f, last_t = $l, file_path = $p, updated_at = $u WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", taskId);
        cmd.Parameters.AddWithValue("$r", file.Rows);
        cmd.Parameters.AddWithValue("$b", file.Bytes);
        cmd.Parameters.AddWithValue("$h", file.Sha256);
        cmd.Parameters.AddWithValue("$f", file.FirstT);
        cmd.Parameters.AddWithValue("$l", file.LastT);
        cmd.Parameters.AddWithValue("$p", file.RelativePath);
        cmd.Parameters.AddWithValue("$u", SqliteLedger.FormatNow(_clock));
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Records what a task covers when its key alone does not say it (a chunk of reference members), in order;
    /// replaces any list recorded before. Stored as one newline-separated text per task (members hold no newline).
    /// </summary>
    public void SetMembers(long taskId, IReadOnlyList<string> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Any(m => m.Contains('\n', StringComparison.Ordinal)))
        {
            throw new ArgumentException("A task member cannot hold a newline.", nameof(members));
        }

        using var cmd = Command("INSERT OR REPLACE INTO task_members (task_id, members) VALUES ($id, $m)");
        cmd.Parameters.AddWithValue("$id", taskId);
        cmd.Parameters.AddWithValue("$m", string.Join('\n', members));
        cmd.ExecuteNonQuery();
    }

    /// <summary>Turns tasks left running by a dead or interrupted run back into pending.</summary>
    public int ResetRunning()
    {
        using var cmd = Command("UPDATE tasks SET state = 'pending', updated_at = $u WHERE state = 'running'");
        cmd.Parameters.AddWithValue("$u", SqliteLedger.FormatNow(_clock));
        return cmd.ExecuteNonQuery();
    }

    internal long InsertRun(string commandLine)
    {
        using var cmd = Command("INSERT INTO runs (started_at, command_line) VALUES ($s, $c); SELECT last_insert_rowid();");
        cmd.Parameters.AddWithValue("$s", SqliteLedger.FormatNow(_clock));
        cmd.Parameters.AddWithValue("$c", commandLine);
        return (long)cmd.ExecuteScalar()!;
    }

    internal void EndRun(long runId, int exitCode, string summary)
    {
        using var cmd = Command("UPDATE runs SET ended_at = $e, exit_code = $x, summary = $s WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", runId);
        cmd.Parameters.AddWithValue("$e", SqliteLedger.FormatNow(_clock));
        cmd.Parameters.AddWithValue("$x", exitCode);
        cmd.Parameters.AddWithValue("$s", summary);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Makes every change of this transaction durable.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _tx.Commit();
        _finished = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_finished)
            {
                _tx.Rollback();
            }

            _tx.Dispose();
        }
        finally
        {
            _release();
        }
    }

    private SqliteCommand Command(string sql)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var cmd = _connection.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private static void AddKey(SqliteCommand cmd, TaskKey key)
    {
        cmd.Parameters.AddWithValue("$d", key.Dataset);
        cmd.Parameters.AddWithValue("$t", key.Ticker);
        cmd.Parameters.AddWithValue("$s", SqliteLedger.FormatDate(key.WindowStart));
        cmd.Parameters.AddWithValue("$e", SqliteLedger.FormatDate(key.WindowEnd));
    }
}
