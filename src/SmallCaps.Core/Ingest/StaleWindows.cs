using NodaTime;
using NodaTime.Text;
using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// Finds the done windows of adjusted bars that splits executed since their fetch have rewritten: without fetching
/// them again, a nightly run would append post-split bars to pre-split history (a reverse split shows as a jump).
/// </summary>
internal static class StaleWindows
{
    /// <summary>The done adjusted windows of <paramref name="tickers"/> that a split could have made stale (those with bars).</summary>
    public static IReadOnlyList<LedgerTask> Candidates(IReadOnlyList<LedgerTask> known, IReadOnlyCollection<string> tickers)
    {
        var wanted = tickers.ToHashSet(StringComparer.Ordinal);
        return known.Where(t => t.State == TaskState.Done && t.Adjusted && t.FirstT is not null && wanted.Contains(t.Key.Ticker)).ToList();
    }

    /// <summary>The New York date of the oldest fetch among <paramref name="candidates"/>: splits from then on matter (null when none).</summary>
    public static LocalDate? OldestFetch(IReadOnlyList<LedgerTask> candidates) =>
        candidates.Count == 0 ? null : Instant.FromDateTimeOffset(candidates.Min(t => t.FetchedAt)).InZone(NewYorkTime.Zone).Date;

    /// <summary>The candidates some split in <paramref name="splits"/> has rewritten as of <paramref name="now"/>, each once (its newest split).</summary>
    public static IReadOnlyList<StaleWindow> Find(IReadOnlyList<LedgerTask> candidates, IReadOnlyList<SplitRecord> splits, DateTimeOffset now)
    {
        var byTicker = splits
            .Select(s => (s.Ticker, Date: ParseDate(s.ExecutionDate), From: s.SplitFrom ?? 0, To: s.SplitTo ?? 0))
            .Where(s => s.Date is not null && s.From > 0 && s.To > 0 && s.From != s.To)
            .ToLookup(s => s.Ticker, StringComparer.Ordinal);
        var stale = new List<StaleWindow>();
        foreach (var task in candidates)
        {
            var firstBar = NewYorkTime.SessionDateOfMilliseconds(task.FirstT!.Value);
            var newest = byTicker[task.Key.Ticker]
                .Where(s => SplitAdjustment.MakesStale(task.FetchedAt, firstBar, s.Date!.Value, now))
                .OrderByDescending(s => s.Date)
                .FirstOrDefault();
            if (newest.Date is { } date)
            {
                stale.Add(new StaleWindow(task, date, newest.From, newest.To));
            }
        }

        return stale;
    }

    private static LocalDate? ParseDate(string? text) =>
        text is not null && LocalDatePattern.Iso.Parse(text) is { Success: true } parsed ? parsed.Value : null;
}
