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

    /// <summary>Days before the date a ticker was checked through that are asked again: the vendor sometimes records a split late.</summary>
    public const int LateRecordDays = 30;

    /// <summary>
    /// The first execution date to ask the vendor about (null when there are no candidates): for each ticker, the New
    /// York date of its oldest fetch or, once checked (<paramref name="checkedThrough"/>), <see cref="LateRecordDays"/>
    /// before the date it was checked through, whichever is later. A lake years old then asks for a month of splits a night.
    /// </summary>
    public static LocalDate? QueryFrom(IReadOnlyList<LedgerTask> candidates, IReadOnlyDictionary<string, LocalDate> checkedThrough)
    {
        LocalDate? from = null;
        foreach (var ticker in candidates.GroupBy(t => t.Key.Ticker, StringComparer.Ordinal))
        {
            var oldest = Instant.FromDateTimeOffset(ticker.Min(t => t.FetchedAt)).InZone(NewYorkTime.Zone).Date;
            var start = checkedThrough.TryGetValue(ticker.Key, out var through) && through.PlusDays(-LateRecordDays) > oldest ? through.PlusDays(-LateRecordDays) : oldest;
            from = from is { } f && f <= start ? f : start;
        }

        return from;
    }

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
