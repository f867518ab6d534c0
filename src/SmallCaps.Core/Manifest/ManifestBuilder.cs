using NodaTime;
using SmallCaps.Core.Calendar;

namespace SmallCaps.Core.Manifest;

/// <summary>
/// Events to windows: each event gives [t - before, t + after) in the New York session of t (a date-only
/// event or <see cref="ManifestOptions.WholeSession"/> gives the whole session), clamped to 04:00-20:00 New
/// York; windows of one ticker and session that overlap or touch are merged. Sorted by ticker, session, start.
/// An event on a day the NYSE is closed (weekend, holiday) has no trades or quotes to fetch: it is left out and counted.
/// </summary>
internal static class ManifestBuilder
{
    public static ManifestBuildResult Build(IReadOnlyList<EventRecord> events, ManifestOptions options)
    {
        var raw = new List<ManifestWindow>(events.Count);
        var outsideHours = 0;
        var outsideDates = 0;
        var closedDays = 0;
        (string Ticker, LocalDate Date)? firstClosed = null;
        foreach (var e in events)
        {
            var session = e.InstantNs is { } t ? NewYorkTime.SessionDateOfNanoseconds(t) : e.Date;
            if ((options.StartDate is { } first && session < first) || (options.EndDate is { } last && session > last))
            {
                outsideDates++;
                continue;
            }

            if (session.Year is >= NyseCalendar.FirstYear and <= NyseCalendar.LastYear && !NyseCalendar.IsSession(session))
            {
                closedDays++;
                firstClosed ??= (e.Ticker, session);
                continue;
            }

            var open = SessionHours.OpenNs(session);
            var close = SessionHours.CloseNs(session);
            long start = open, end = close;
            if (e.InstantNs is { } at && !options.WholeSession)
            {
                start = Math.Max(open, SaturatingAdd(at, -options.Before.ToInt64Nanoseconds()));
                end = Math.Min(close, SaturatingAdd(at, options.After.ToInt64Nanoseconds()));
            }

            if (end <= start)
            {
                // An event after 20:00 or before 04:00 whose window never reaches trading hours.
                outsideHours++;
                continue;
            }

            raw.Add(new ManifestWindow(e.Ticker, session, start, end));
        }

        var merged = new List<ManifestWindow>();
        foreach (var w in raw.OrderBy(w => w.Ticker, StringComparer.Ordinal).ThenBy(w => w.SessionDate).ThenBy(w => w.StartNs))
        {
            if (merged.Count > 0 && merged[^1] is var prev && prev.Ticker == w.Ticker && prev.SessionDate == w.SessionDate && w.StartNs <= prev.EndNs)
            {
                merged[^1] = prev with { EndNs = Math.Max(prev.EndNs, w.EndNs), Events = prev.Events + 1 };
            }
            else
            {
                merged.Add(w);
            }
        }

        return new ManifestBuildResult(merged, events.Count, outsideHours, outsideDates)
        {
            ClosedDays = closedDays,
            FirstClosed = firstClosed,
        };
    }

    private static long SaturatingAdd(long a, long b)
    {
        var r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (b < 0 ? long.MinValue : long.MaxValue) : r;
    }
}
