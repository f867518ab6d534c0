using NodaTime;
using SmallCaps.Core.Api;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Http;
using SmallCaps.Core.Input;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// How far the vendor has published the recent sessions a run asks for. A window is settled for good once fetched,
/// and a small cap often has no bar on a given day, so an empty day inside a window cannot tell "no trades" from
/// "not published yet" (late vendor data, an outage answering 200 with nothing). The run asks instead, newest first,
/// whether the vendor's grouped daily bars of each recent session hold any bar (one request a night when the vendor
/// is up to date), and ends before the first session it has not published: a later run fetches it as new dates.
/// Sessions older than <see cref="RecentDays"/> days are taken as published without asking.
/// </summary>
internal static class ServedSessions
{
    /// <summary>Days before today in New York within which a session is checked with the vendor.</summary>
    public const int RecentDays = 7;

    /// <summary>
    /// The date the run must end at, with the notice saying why; null when the vendor has published every recent session
    /// of the plan (or the plan has none). Only a rejected key or an unreachable API (run-fatal) throws.
    /// </summary>
    public static async Task<ServedEnd?> CheckAsync(IBarSource source, string dataset, IReadOnlyList<Ledger.TaskKey> plan, TimeProvider clock, CancellationToken cancellationToken)
    {
        var floor = NewYorkTime.Today(clock).PlusDays(-RecentDays);
        var latest = plan.Count == 0 ? floor.PlusDays(-1) : plan.Max(k => k.WindowEnd);
        var recent = latest < floor ? [] : NyseCalendar.Sessions(floor, latest);
        if (recent.Count == 0)
        {
            return null;
        }

        LocalDate? firstUnserved = null;
        try
        {
            for (var i = recent.Count - 1; i >= 0 && !await source.HasServedAsync(recent[i], cancellationToken); i--)
            {
                firstUnserved = recent[i];
            }
        }
        catch (MassiveApiException ex) when (ex.Kind is MassiveErrorKind.NotEntitled or MassiveErrorKind.NotFound or MassiveErrorKind.BadRequest)
        {
            // The vendor will answer the same way every night: leaving the sessions would never fetch them.
            return new ServedEnd(latest, $"{dataset}: could not ask the vendor which sessions it has published ({ex.Message}); the run fetches through {IsoDate.Format(latest)} unchecked");
        }
        catch (Exception ex) when (ex is MassiveApiException { IsRunFatal: false } or PageFormatException or IOException)
        {
            // Unknown now, known tomorrow: leaving the recent sessions costs one night's delay, settling them could lose them.
            return new ServedEnd(recent[0].PlusDays(-1), $"{dataset}: could not ask the vendor which sessions it has published ({ex.Message}); the sessions from {IsoDate.Format(recent[0])} on are left for a later run", $"could not ask the vendor whether it has published the sessions from {IsoDate.Format(recent[0])} on");
        }

        return firstUnserved is { } first
            ? new ServedEnd(first.PlusDays(-1), $"{dataset}: the vendor has not published the sessions from {IsoDate.Format(first)} on yet; this run ends at {IsoDate.Format(first.PlusDays(-1))} and a later run fetches them", $"the vendor has not published the sessions from {IsoDate.Format(first)} on yet")
            : null;
    }

    /// <summary>The wanted ranges cut at <paramref name="end"/>; a ticker whose range starts after it is dropped.</summary>
    public static IReadOnlyList<TickerRange> Clamp(IReadOnlyList<TickerRange> wanted, LocalDate end) =>
        wanted.Where(w => w.From <= end).Select(w => w.To > end ? w with { To = end } : w).ToList();
}
