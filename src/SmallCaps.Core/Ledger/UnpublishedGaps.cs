using Microsoft.Data.Sqlite;
using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Verify;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Ledger;

/// <summary>
/// Done windows of an older build whose file lacks a session the build fetched within <see cref="UnpublishedTails.RecentDays"/>
/// days of a run's start: a window that ended early there was merged by the next night into one ending on time, so the
/// day the vendor had not published yet sits inside it. Read before the upgrade's transaction: only the
/// <c>session_date</c> column, and only of files overlapping such days (about one recent file per ticker).
/// </summary>
internal static class UnpublishedGaps
{
    /// <summary>What the files showed: the (task id, file) lacking a session at risk, and one line per file that could not be read.</summary>
    public sealed record Found(IReadOnlySet<(long Id, string FilePath)> Lacking, IReadOnlyList<string> Notes);

    /// <summary>
    /// The NYSE sessions a run starting on each of <paramref name="fetchDates"/> (New York dates) could have settled
    /// before the vendor published them: those from <see cref="UnpublishedTails.RecentDays"/> days before it through it.
    /// </summary>
    public static IReadOnlySet<LocalDate> AtRisk(IEnumerable<LocalDate> fetchDates)
    {
        var sessions = new HashSet<LocalDate>();
        foreach (var fetched in fetchDates.Distinct())
        {
            for (var day = fetched.PlusDays(-UnpublishedTails.RecentDays); day <= fetched; day = day.PlusDays(1))
            {
                if (NyseCalendar.HasSession(day, day))
                {
                    sessions.Add(day);
                }
            }
        }

        return sessions;
    }

    /// <summary>Reads the done bar windows of an older ledger that overlap sessions at risk and finds those lacking one.</summary>
    public static Found Find(SqliteConnection connection, string outdir, SqliteTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var atRisk = AtRisk(FetchDates(connection, transaction)).Order().ToArray();
        var lacking = new HashSet<(long, string)>();
        var notes = new List<string>();
        if (atRisk.Length == 0)
        {
            return new Found(lacking, notes);
        }

        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT id, window_start, window_end, file_path FROM tasks WHERE state = 'done' AND file_path IS NOT NULL AND dataset IN ('bars_1d', 'bars_1m')";
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var (start, end) = (SqliteLedger.ParseDate(reader.GetString(1)), SqliteLedger.ParseDate(reader.GetString(2)));
            var wanted = atRisk.Where(d => d >= start && d <= end).ToHashSet();
            if (wanted.Count == 0)
            {
                continue;
            }

            var path = reader.GetString(3);
            try
            {
                RemoveSessionsWithBars(LakeLayout.FullPath(outdir, path), wanted, cancellationToken);
            }
            catch (Exception ex) when (FileProblem.Is(ex))
            {
                // Fetching again is the safe side: the new file replaces one that could not be read anyway.
                notes.Add($"{path} could not be read to check the days an older build may have settled unpublished ({FileProblem.Describe(ex)}): its window is fetched again");
                wanted.Clear();
                lacking.Add((reader.GetInt64(0), path));
                continue;
            }

            if (wanted.Count > 0)
            {
                lacking.Add((reader.GetInt64(0), path));
            }
        }

        return new Found(lacking, notes);
    }

    // The New York dates the old runs started (their bars reached up to 7 days before); without runs, the tasks' fetch times.
    private static List<LocalDate> FetchDates(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var dates = LedgerSchema.HasTable(connection, "runs", transaction) ? Dates(connection, transaction, "SELECT started_at FROM runs") : [];
        if (dates.Count == 0)
        {
            var fetchedAt = LedgerSchema.HasColumn(connection, "tasks", "fetched_at", transaction) ? "COALESCE(fetched_at, updated_at)" : "updated_at";
            dates = Dates(connection, transaction, $"SELECT DISTINCT {fetchedAt} FROM tasks WHERE dataset IN ('bars_1d', 'bars_1m') AND state IN ('done', 'empty')");
        }

        return dates;
    }

    private static List<LocalDate> Dates(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var dates = new List<LocalDate>();
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            dates.Add(Instant.FromDateTimeOffset(SqliteLedger.ParseInstant(reader.GetString(0))).InZone(NewYorkTime.Zone).Date);
        }

        return dates;
    }

    // Each bar's New York date is in the file already (session_date): no time zone sum per bar.
    private static void RemoveSessionsWithBars(string fullPath, HashSet<LocalDate> sessions, CancellationToken cancellationToken)
    {
        using var file = ParquetFileReader.Open(fullPath);
        var column = file.IndexOf("session_date");
        if (column < 0)
        {
            throw new InvalidDataException("not a bar file: no column session_date");
        }

        var left = sessions.Select(DayNumbers.ToNumber).ToHashSet();
        foreach (var group in file.RowGroups)
        {
            var days = file.ReadColumn(group.Index, column, cancellationToken).Int32Values ?? throw new InvalidDataException("column session_date is not of dates");
            foreach (var day in days)
            {
                left.Remove(day);
            }

            if (left.Count == 0)
            {
                break;
            }
        }

        sessions.RemoveWhere(s => !left.Contains(DayNumbers.ToNumber(s)));
    }
}
