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

    /// <summary>Records what a task is about to fetch when its key alone does not say it (a tick session's windows).</summary>
    public void SetTimespan(long taskId, string timespan)
    {
        using var cmd = Command("UPDATE tasks SET timespan = $ts WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", taskId);
        cmd.Parameters.AddWithValue("$ts", timespan);
        cmd.ExecuteNonQuery();
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

    /// <summary>Marks a task done with the facts of its published file, fetched at <paramref name="fetchedAt"/> (now when null).</summary>
    public void MarkDone(long taskId, CommittedFile file, DateTimeOffset? fetchedAt = null)
    {
        using var cmd = Command("UPDATE tasks SET state = 'done', last_error = NULL, rows = $r, bytes = $b, sha256 = $h, first_t = $f, last_t = $l, file_path = $p, updated_at = $u, fetched_at = $fa WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", taskId);
        cmd.Parameters.AddWithValue("$r", file.Rows);
        cmd.Parameters.AddWithValue("$b", file.Bytes);
        cmd.Parameters.AddWithValue("$h", file.Sha256);
        cmd.Parameters.AddWithValue("$f", file.FirstT);
        cmd.Parameters.AddWithValue("$l", file.LastT);
        cmd.Parameters.AddWithValue("$p", file.RelativePath);
        cmd.Parameters.AddWithValue("$u", SqliteLedger.FormatNow(_clock));
        cmd.Parameters.AddWithValue("$fa", fetchedAt is { } at ? SqliteLedger.FormatInstant(at) : SqliteLedger.FormatNow(_clock));
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

    /// <summary>Journals a merge before its file is published; returns the journal row id.</summary>
    public long InsertMerge(MergeRecord merge)
    {
        ArgumentNullException.ThrowIfNull(merge);
        using var cmd = Command("""
            INSERT INTO merges (dataset, ticker, window_start, window_end, state, temp_path, file_path, rows, bytes, sha256, first_t, last_t, adjusted, timespan, source_ids, source_paths, fetched_at)
            VALUES ($d, $t, $s, $e, 'intent', $tmp, $p, $r, $b, $h, $f, $l, $a, $ts, $ids, $paths, $fa);
            SELECT last_insert_rowid();
            """);
        AddKey(cmd, merge.Key);
        cmd.Parameters.AddWithValue("$tmp", merge.TempPath);
        cmd.Parameters.AddWithValue("$p", merge.File.RelativePath);
        cmd.Parameters.AddWithValue("$r", merge.File.Rows);
        cmd.Parameters.AddWithValue("$b", merge.File.Bytes);
        cmd.Parameters.AddWithValue("$h", merge.File.Sha256);
        cmd.Parameters.AddWithValue("$f", merge.File.FirstT);
        cmd.Parameters.AddWithValue("$l", merge.File.LastT);
        cmd.Parameters.AddWithValue("$a", merge.Adjusted ? 1 : 0);
        cmd.Parameters.AddWithValue("$ts", merge.Timespan);
        cmd.Parameters.AddWithValue("$ids", string.Join('\n', merge.SourceIds));
        cmd.Parameters.AddWithValue("$paths", string.Join('\n', merge.SourcePaths));
        cmd.Parameters.AddWithValue("$fa", merge.FetchedAt is { } at ? SqliteLedger.FormatInstant(at) : DBNull.Value);
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>
    /// Swaps the merged windows for the merged one once its file is published: the sources' rows go, a done task
    /// for the merged window comes, and the journal row remembers the sources' files until they are deleted.
    /// </summary>
    public void PublishMerge(MergeRecord merge)
    {
        ArgumentNullException.ThrowIfNull(merge);
        foreach (var id in merge.SourceIds)
        {
            using var delete = Command("DELETE FROM tasks WHERE id = $id");
            delete.Parameters.AddWithValue("$id", id);
            delete.ExecuteNonQuery();
        }

        var taskId = EnsureTask(merge.Key, merge.Adjusted, merge.Timespan);
        MarkDone(taskId, merge.File, merge.FetchedAt);

        // A merged window holds its sources' bars: one still to be checked again for a late tail keeps the mark.
        using (var carry = Command($"UPDATE OR IGNORE tail_rechecks SET task_id = $new WHERE task_id IN ({string.Join(", ", merge.SourceIds)})"))
        {
            carry.Parameters.AddWithValue("$new", taskId);
            carry.ExecuteNonQuery();
        }

        using (var drop = Command($"DELETE FROM tail_rechecks WHERE task_id IN ({string.Join(", ", merge.SourceIds)}) AND task_id <> $new"))
        {
            drop.Parameters.AddWithValue("$new", taskId);
            drop.ExecuteNonQuery();
        }

        using var cmd = Command("UPDATE merges SET state = 'published' WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", merge.Id);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Widens a settled task to <paramref name="window"/> and deletes the <paramref name="absorbed"/> tasks whose days it
    /// now covers (empty windows: no file to account for); its state, file and bars stay as they are.
    /// </summary>
    public void FoldWindows(long keptId, TaskKey window, IReadOnlyList<long> absorbed)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(absorbed);
        using (var delete = Command("DELETE FROM tasks WHERE id = $id; DELETE FROM task_members WHERE task_id = $id"))
        {
            var id = delete.Parameters.Add("$id", SqliteType.Integer);
            foreach (var absorbedId in absorbed)
            {
                id.Value = absorbedId;
                delete.ExecuteNonQuery();
            }
        }

        using var widen = Command("UPDATE tasks SET window_start = $s, window_end = $e, updated_at = $u WHERE id = $id");
        widen.Parameters.AddWithValue("$id", keptId);
        widen.Parameters.AddWithValue("$s", SqliteLedger.FormatDate(window.WindowStart));
        widen.Parameters.AddWithValue("$e", SqliteLedger.FormatDate(window.WindowEnd));
        widen.Parameters.AddWithValue("$u", SqliteLedger.FormatNow(_clock));
        widen.ExecuteNonQuery();
    }

    /// <summary>Forgets a merge: finished (the sources' files are gone) or undone (its temp file is gone).</summary>
    public void DeleteMerge(long mergeId)
    {
        using var cmd = Command("DELETE FROM merges WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", mergeId);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Records that every split of these tickers executed through <paramref name="through"/> is in their adjusted windows.</summary>
    public void SetSplitsChecked(string dataset, IEnumerable<string> tickers, NodaTime.LocalDate through)
    {
        ArgumentNullException.ThrowIfNull(tickers);
        using var cmd = Command("INSERT OR REPLACE INTO split_checks (dataset, ticker, checked_through) VALUES ($d, $t, $c)");
        var ticker = cmd.Parameters.Add("$t", SqliteType.Text);
        cmd.Parameters.AddWithValue("$d", dataset);
        cmd.Parameters.AddWithValue("$c", SqliteLedger.FormatDate(through));
        foreach (var t in tickers)
        {
            ticker.Value = t;
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Clears the late-tail mark of a window (see <see cref="UnpublishedTails"/>): fetched again, or reopened to be.</summary>
    public void ClearTailRecheck(TaskKey key)
    {
        using var cmd = Command("DELETE FROM tail_rechecks WHERE task_id IN (SELECT id FROM tasks WHERE dataset = $d AND ticker = $t AND window_start = $s AND window_end = $e)");
        AddKey(cmd, key);
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
                try
                {
                    _tx.Rollback();
                }
                catch (SqliteException) when (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) != 0)
                {
                    // A commit that failed (disk full, I/O error) can end the transaction inside SQLite unbeknown to the
                    // wrapper, whose ROLLBACK then fails here and again when the connection closes, hiding the error that
                    // got us here. An empty transaction gives that ROLLBACK something to end.
                    SQLitePCL.raw.sqlite3_exec(_connection.Handle, "BEGIN");
                    _tx.Rollback();
                }
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
