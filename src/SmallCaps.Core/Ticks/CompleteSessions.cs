using System.Globalization;
using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Manifest;

namespace SmallCaps.Core.Ticks;

/// <summary>
/// The manifest's windows a run may fetch: those of sessions before today in New York. A session of today or later
/// is left for a later run, even when its window is over: the vendor's day is not final until it ends (late reports,
/// corrections), and a settled session is never fetched again.
/// </summary>
/// <param name="Windows">Windows of sessions before today, in manifest order.</param>
/// <param name="Notice">One line counting the sessions left for a later run and naming the first; null when none.</param>
public sealed record CompleteSessions(IReadOnlyList<ManifestWindow> Windows, string? Notice)
{
    /// <summary>Splits <paramref name="windows"/> at today's New York date according to <paramref name="clock"/>.</summary>
    public static CompleteSessions Of(IReadOnlyList<ManifestWindow> windows, TimeProvider clock)
    {
        var today = NewYorkTime.Today(clock);
        var kept = windows.Where(w => w.SessionDate < today).ToList();
        if (kept.Count == windows.Count)
        {
            return new CompleteSessions(windows, null);
        }

        var later = windows.Where(w => w.SessionDate >= today)
            .Select(w => (w.Ticker, w.SessionDate))
            .Distinct()
            .OrderBy(s => s.SessionDate)
            .ThenBy(s => s.Ticker, StringComparer.Ordinal)
            .ToList();
        var (ticker, session) = later[0];
        var notice = string.Create(
            CultureInfo.InvariantCulture,
            $"{later.Count} manifest sessions are today ({IsoDate.Format(today)}) or later in New York and not complete yet (first: {ticker} {IsoDate.Format(session)}); they are left for a run after their day");
        return new CompleteSessions(kept, notice);
    }
}
