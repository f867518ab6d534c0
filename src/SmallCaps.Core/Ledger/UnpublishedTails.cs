using Microsoft.Data.Sqlite;
using NodaTime;
using SmallCaps.Core.Calendar;

namespace SmallCaps.Core.Ledger;

/// <summary>
/// Windows of bars an older build may have settled before the vendor published their last sessions: builds before
/// ledger version 2 did not ask the vendor what it had published (see <c>ServedSessions</c>), so a window reaching into
/// the days before its fetch could miss its tail for good. The upgrade marks them in <c>tail_rechecks</c>, once;
/// a bars run of the ticker fetches them again and clears the mark.
/// </summary>
internal static class UnpublishedTails
{
    /// <summary>Days before a fetch within which a session could still be unpublished (as <c>ServedSessions.RecentDays</c>).</summary>
    public const int RecentDays = 7;

    private static readonly string[] BarDatasets = ["bars_1d", "bars_1m"];

    /// <summary>
    /// Marks the done windows whose last bar is before the window's last NYSE session, and the empty windows with a
    /// session that are their ticker's newest or have bars after them, that reach into the <see cref="RecentDays"/> days
    /// before they were fetched (<c>fetched_at</c>, or <c>updated_at</c> where an older build did not record it), and the
    /// done windows <paramref name="gaps"/> found lacking a session at risk inside them; returns how many.
    /// </summary>
    public static int Mark(SqliteConnection connection, SqliteTransaction transaction, UnpublishedGaps.Found gaps)
    {
        var rows = new List<Row>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"SELECT id, dataset, ticker, window_start, window_end, state, last_t, COALESCE(fetched_at, updated_at), file_path FROM tasks WHERE state IN ('done', 'empty') AND dataset IN ({string.Join(", ", BarDatasets.Select(d => $"'{d}'"))})";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                LocalDate? lastBar = reader.IsDBNull(6) ? null : NewYorkTime.SessionDateOfMilliseconds(reader.GetInt64(6));
                var fetched = Instant.FromDateTimeOffset(SqliteLedger.ParseInstant(reader.GetString(7))).InZone(NewYorkTime.Zone).Date;
                rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), SqliteLedger.ParseDate(reader.GetString(3)), SqliteLedger.ParseDate(reader.GetString(4)), reader.GetString(5) == "done" ? lastBar : null, fetched, reader.IsDBNull(8) ? null : reader.GetString(8)));
            }
        }

        var marked = new List<long>();
        foreach (var partition in rows.GroupBy(r => (r.Dataset, r.Ticker)))
        {
            var lastEnd = partition.Max(r => r.End);
            var lastTraded = partition.Where(r => r.LastBar is not null).Select(r => r.Start).DefaultIfEmpty(LocalDate.MinIsoValue).Max();
            marked.AddRange(partition.Where(r => r.LastBar is not null && r.FilePath is { } path && gaps.Lacking.Contains((r.Id, path))).Select(r => r.Id));
            foreach (var row in partition.Where(r => IsUnsure(r.Start, r.End, r.Fetched, r.LastBar)))
            {
                // An empty window counts only where the ticker traded after it, or as its newest: a delisted ticker's
                // nightly empties (hundreds a year) are empty for good, and asking each again would cost a request apiece.
                if (row.LastBar is not null || row.End == lastEnd || lastTraded > row.End)
                {
                    marked.Add(row.Id);
                }
            }
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT OR IGNORE INTO tail_rechecks (task_id) VALUES ($id)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        foreach (var taskId in marked.Distinct())
        {
            id.Value = taskId;
            insert.ExecuteNonQuery();
        }

        return marked.Distinct().Count();
    }

    private sealed record Row(long Id, string Dataset, string Ticker, LocalDate Start, LocalDate End, LocalDate? LastBar, LocalDate Fetched, string? FilePath);

    /// <summary>
    /// Whether a window fetched on <paramref name="fetched"/> (New York date) may lack sessions the vendor published
    /// later: it reaches into the days before the fetch and its bars (none: <paramref name="lastBar"/> null) end
    /// before its last session.
    /// </summary>
    public static bool IsUnsure(LocalDate start, LocalDate end, LocalDate fetched, LocalDate? lastBar)
    {
        if (end < fetched.PlusDays(-RecentDays) || !NyseCalendar.HasSession(start, end))
        {
            return false;
        }

        var lastSession = NyseCalendar.PreviousSession(end.PlusDays(1));
        return lastBar is not { } bar || bar < lastSession;
    }
}
