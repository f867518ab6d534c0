using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// The windows an older build may have settled before the vendor published their last sessions, marked when the
/// ledger was upgraded (see <see cref="UnpublishedTails"/>), checked again once by a run of their ticker: an empty one
/// is reopened (the planner fetches it like any unsettled window), a done one is fetched again whole into a file that
/// replaces its own (as a split refetch does: no bar twice, none lost; fewer bars than before keep the old file).
/// </summary>
internal static class LateTails
{
    /// <summary>The marked windows of the tickers a run asks for (an empty one only inside its ticker's dates).</summary>
    public static IReadOnlyList<LedgerTask> Of(IReadOnlyList<LedgerTask> marked, IReadOnlyList<TickerRange> wanted)
    {
        var byTicker = wanted.ToLookup(w => w.Ticker, StringComparer.Ordinal);
        return marked.Where(t => byTicker[t.Key.Ticker].Any(w => t.State == TaskState.Done || (t.Key.WindowStart <= w.To && t.Key.WindowEnd >= w.From))).ToList();
    }

    /// <summary>Those whose last session the vendor has published (through <paramref name="servedEnd"/>; null: all); the rest wait for a later run.</summary>
    public static IReadOnlyList<LedgerTask> Published(IReadOnlyList<LedgerTask> tails, LocalDate? servedEnd) =>
        servedEnd is not { } end ? tails : tails.Where(t => NyseCalendar.PreviousSession(t.Key.WindowEnd.PlusDays(1)) <= end).ToList();

    /// <summary>The one line telling the user, for the console and the run log.</summary>
    public static string Notice(string dataset, int count) =>
        $"{dataset}: {count} windows written by an older build, which did not check what the vendor had published, are checked again for sessions published after they were fetched";

    /// <summary>Puts the empty ones back to pending and clears their marks, in one transaction: the planner then fetches them.</summary>
    public static void Reopen(SqliteLedger ledger, IEnumerable<LedgerTask> tails)
    {
        using var tx = ledger.Begin();
        foreach (var tail in tails.Where(t => t.State == TaskState.Empty))
        {
            tx.SetState(tail.Id, TaskState.Pending);
            tx.ClearTailRecheck(tail.Key);
        }

        tx.Commit();
    }

    /// <summary>The done ones, as windows to fetch again (each mark cleared in the transaction that puts its new file in place).</summary>
    public static IReadOnlyList<RefetchWindow> ToRefetch(IEnumerable<LedgerTask> tails) =>
        [.. tails.Where(t => t.State == TaskState.Done).Select(t => new RefetchWindow(t, Reason(t), KeepIfFewerBars: true, ClearsTailRecheck: true))];

    private static string Reason(LedgerTask t)
    {
        var lastSession = NyseCalendar.PreviousSession(t.Key.WindowEnd.PlusDays(1));
        LocalDate? lastBar = t.LastT is { } last ? NewYorkTime.SessionDateOfMilliseconds(last) : null;

        // Bars through the last session: the file lacks a recent day inside it (see UnpublishedGaps).
        return lastBar >= lastSession
            ? "written by an older build without bars on a day within 7 days of an old run, which the vendor may have published since"
            : $"written by an older build with bars through {(lastBar is { } bar ? IsoDate.Format(bar) : "none")}, the vendor may have published {IsoDate.Format(lastSession)} since";
    }
}
