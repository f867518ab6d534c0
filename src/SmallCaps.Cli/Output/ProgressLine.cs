using System.Globalization;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Cli.Output;

/// <summary>One plain progress line: tasks, rows (bars, trades or quotes), MB, req/s, 429s, retries, then the ETA, or the step after the tasks under way.</summary>
internal static class ProgressLine
{
    public static string Format(IngestSnapshot s, TransportMetrics? m, string rows = "bars")
    {
        var seconds = Math.Max(s.Elapsed.TotalSeconds, 0.001);
        var rps = m is null ? 0 : m.Requests / seconds;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"tasks {s.Finished}/{s.Planned}  failed {s.Failed}  {rows} {s.Bars:N0}  {s.Bytes / 1048576.0:F1} MB  {rps:F1} req/s  429s {m?.RateLimited ?? 0}  retries {m?.Retries ?? 0}  elapsed {s.Elapsed:hh\\:mm\\:ss}  {Doing(s, seconds)}");
    }

    // The ETA while tasks run; past them, the step under way, so a run that is checking or merging does not look stuck.
    private static string Doing(IngestSnapshot s, double seconds) => s.Phase switch
    {
        RunPhase.CheckingSplits => "checking splits",
        RunPhase.Refetching => string.Create(CultureInfo.InvariantCulture, $"refetching {s.RefetchesFinished}/{s.RefetchesPlanned} windows a split rewrote"),
        RunPhase.RefetchingLateTails => string.Create(CultureInfo.InvariantCulture, $"checking {s.RefetchesFinished}/{s.RefetchesPlanned} windows an older build wrote"),
        RunPhase.Merging when s.MergesPlanned > 0 => string.Create(CultureInfo.InvariantCulture, $"merging {s.MergesFinished}/{s.MergesPlanned} partitions"),
        RunPhase.Merging => "merging partitions",
        _ when s.Finished > 0 && s.Planned > s.Finished => "eta " + TimeSpan.FromSeconds(seconds / s.Finished * (s.Planned - s.Finished)).ToString("hh\\:mm\\:ss", CultureInfo.InvariantCulture),
        _ => "eta --:--:--",
    };
}
