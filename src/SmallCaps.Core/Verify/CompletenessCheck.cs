using System.Globalization;
using NodaTime;
using SmallCaps.Core.Calendar;

namespace SmallCaps.Core.Verify;

/// <summary>
/// Completeness of one ticker against the NYSE calendar: over the active span (list date, else the first daily bar;
/// to the delisting, or for a ticker the reference says is listed to the lake's last session, else the last daily
/// bar) and inside the windows the ledger says were fetched, every
/// session needs a daily bar; every session with a daily bar needs minute bars (when minutes were
/// fetched); no bar on a closed day; the daily bar agrees with its minutes.
/// </summary>
internal static class CompletenessCheck
{
    private const int DatesShown = 5;

    // A stretch this long without a bar between two bars is more likely two securities than a data gap worth only a count.
    private const int ReusedGapDays = 90;

    /// <summary>Checks one ticker; <paramref name="lastSession"/> is the last day a listed ticker is expected to have bars (null: none).</summary>
    public static IEnumerable<CoverageCell> Run(TickerBars bars, TickerReference reference, VerifyOptions options, LocalDate? lastSession, FindingSink sink)
    {
        var daily = LakeLayoutView.DailyDataset;
        var minute = LakeLayoutView.MinuteDataset;
        ClosedDays(bars.Ticker, daily, bars.Daily, sink);
        ClosedDays(bars.Ticker, minute, bars.Minute, sink);
        foreach (var (day, stats) in bars.Daily.Where(d => d.Value.Bars > 1).OrderBy(d => d.Key))
        {
            sink.Add(new Finding(FindingKind.DuplicateTimestamp, daily, bars.Ticker, null, DayNumbers.ToDate(day), $"{stats.Bars} daily bars on session {Iso(DayNumbers.ToDate(day))}"));
        }

        if (Span(bars, reference, lastSession) is not { } span)
        {
            return [];
        }

        var cells = new Dictionary<int, int[]>();
        var missingDaily = new List<LocalDate>();
        var missingMinute = new List<LocalDate>();
        var periods = reference.PeriodsOf(bars.Ticker);
        foreach (var session in ExpectedSessions(span, bars.DailyWindows).Where(s => periods.Count == 0 || periods.Any(p => p.Contains(s))))
        {
            var cell = Cell(cells, session.Year);
            cell[0]++;
            var day = DayNumbers.ToNumber(session);
            if (!bars.Daily.TryGetValue(day, out var dayStats))
            {
                missingDaily.Add(session);
                continue;
            }

            cell[1]++;
            if (!TickerBars.InWindows(bars.MinuteWindows, session))
            {
                continue;
            }

            cell[2]++;
            if (!bars.Minute.TryGetValue(day, out var minuteStats))
            {
                missingMinute.Add(session);
                continue;
            }

            cell[3]++;
            if (bars.DailyAdjusted == bars.MinuteAdjusted)
            {
                CompareDailyWithMinutes(bars.Ticker, session, dayStats, minuteStats, options, sink);
            }
        }

        ReportByYear(bars.Ticker, daily, FindingKind.MissingSession, missingDaily, "session(s) without a daily bar", sink, RenameHint(bars, missingDaily, periods));
        ReportByYear(bars.Ticker, minute, FindingKind.MissingMinuteSession, missingMinute, "session(s) with a daily bar but no minute bars", sink);
        return cells.Select(c => new CoverageCell(bars.Ticker, c.Key, c.Value[0], c.Value[1], c.Value[2], c.Value[3], 0));
    }

    // Sessions inside the span and the fetched windows, clipped to the years the calendar knows.
    private static IEnumerable<LocalDate> ExpectedSessions((LocalDate Start, LocalDate End) span, List<(LocalDate Start, LocalDate End)> windows)
    {
        var calendarStart = new LocalDate(NyseCalendar.FirstYear, 1, 1);
        var calendarEnd = new LocalDate(NyseCalendar.LastYear, 12, 31);
        var seen = new HashSet<LocalDate>();
        foreach (var (start, end) in windows.OrderBy(w => w.Start))
        {
            var from = Max(Max(start, span.Start), calendarStart);
            var to = Min(Min(end, span.End), calendarEnd);
            if (from > to)
            {
                continue;
            }

            foreach (var session in NyseCalendar.Sessions(from, to).Where(seen.Add))
            {
                yield return session;
            }
        }
    }

    private static LocalDate Max(LocalDate a, LocalDate b) => a > b ? a : b;

    private static LocalDate Min(LocalDate a, LocalDate b) => a < b ? a : b;

    private static bool IsClosed(LocalDate date) =>
        date.Year >= NyseCalendar.FirstYear && date.Year <= NyseCalendar.LastYear && !NyseCalendar.IsSession(date);

    private static (LocalDate Start, LocalDate End)? Span(TickerBars bars, TickerReference reference, LocalDate? lastSession)
    {
        var listing = reference.ListingOf(bars.Ticker);
        var known = bars.Daily.Count > 0 ? bars.Daily.Keys : bars.Minute.Keys;
        LocalDate? firstBar = known.Count > 0 ? DayNumbers.ToDate(known.Min()) : null;
        LocalDate? lastBar = known.Count > 0 ? DayNumbers.ToDate(known.Max()) : null;

        // Unknown to every reference: the last bar ends the span (a delisting it cannot see is no gap).
        var end = lastSession is { } last ? listing.ExpectedEnd(last, lastBar) : listing.LastTraded ?? lastBar;
        if ((listing.Listed ?? firstBar) is not { } start || end is not { } stop)
        {
            return null;
        }

        return start <= stop ? (start, stop) : null;
    }

    // With no ticker_change events known, sessions missing only before the first bar are most often a rename, and a
    // long stretch between two bars most often a ticker another security used before: say so.
    private static string RenameHint(TickerBars bars, List<LocalDate> missing, IReadOnlyList<SymbolPeriod> periods)
    {
        if (missing.Count == 0 || periods.Count > 0 || bars.Daily.Count == 0)
        {
            return string.Empty;
        }

        const string Events = "select-universe --outdir with --corporate-actions stores ticker events, and verify then expects bars only while the ticker named this security";
        var days = bars.Daily.Keys.Order().ToList();
        var first = DayNumbers.ToDate(days[0]);
        if (missing[^1] < first)
        {
            return $" (all before its first bar, {Iso(first)}: a ticker change? {Events})";
        }

        var (lo, hi) = (DayNumbers.ToNumber(missing.Min()), DayNumbers.ToNumber(missing.Max()));
        var after = days.BinarySearch(hi) is var i && i < 0 ? ~i : i;
        var before = after - 1;
        if (before < 0 || after >= days.Count || days[before] >= lo || days[after] - days[before] < ReusedGapDays)
        {
            return string.Empty;
        }

        return $" (all in one stretch without bars, {Iso(DayNumbers.ToDate(days[before]))} to {Iso(DayNumbers.ToDate(days[after]))}: a ticker another security used before? {Events})";
    }

    private static void ClosedDays(string ticker, string dataset, Dictionary<int, DayStats> days, FindingSink sink)
    {
        var closed = days.Keys.Select(DayNumbers.ToDate).Where(IsClosed).Order().ToList();
        foreach (var year in closed.GroupBy(d => d.Year))
        {
            var names = year.Take(DatesShown).Select(d => NyseCalendar.ClosureOn(d) is { } c ? $"{Iso(d)} ({c.Name})" : $"{Iso(d)} ({d.DayOfWeek})");
            sink.Add(new Finding(FindingKind.BarsOnClosedDay, dataset, ticker, null, year.First(), $"{year.Count()} closed day(s) with bars: {string.Join(", ", names)}{More(year.Count())}", year.Count()));
        }
    }

    private static void CompareDailyWithMinutes(string ticker, LocalDate session, DayStats day, DayStats minutes, VerifyOptions options, FindingSink sink)
    {
        var problems = new List<string>();
        var scale = Math.Max(Math.Abs(day.Volume), Math.Abs(minutes.Volume));
        if (Math.Abs(day.Volume - minutes.Volume) > options.VolumeTolerance * scale)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"daily volume {day.Volume} vs {minutes.Volume} in minute bars"));
        }

        if (day.High > minutes.High * (1 + options.PriceTolerance))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"daily high {day.High} above the minutes' highest {minutes.High}"));
        }

        if (day.Low < minutes.Low * (1 - options.PriceTolerance))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"daily low {day.Low} below the minutes' lowest {minutes.Low}"));
        }

        if (problems.Count > 0)
        {
            sink.Add(new Finding(FindingKind.DailyMinuteMismatch, LakeLayoutView.DailyDataset, ticker, null, session, $"{Iso(session)}: {string.Join("; ", problems)}"));
        }
    }

    private static void ReportByYear(string ticker, string dataset, FindingKind kind, List<LocalDate> dates, string what, FindingSink sink, string hint = "")
    {
        foreach (var year in dates.GroupBy(d => d.Year))
        {
            var count = year.Count();
            sink.Add(new Finding(kind, dataset, ticker, null, year.First(), $"{year.Key}: {count} {what}: {string.Join(", ", year.Take(DatesShown).Select(Iso))}{More(count)}{hint}", count));
        }
    }

    private static int[] Cell(Dictionary<int, int[]> cells, int year)
    {
        if (!cells.TryGetValue(year, out var cell))
        {
            cell = new int[4];
            cells[year] = cell;
        }

        return cell;
    }

    private static string More(int count) => count > DatesShown ? ", ..." : string.Empty;

    internal static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
