using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Core.Runs;

/// <summary>Turns the ingest's counters into a progress snapshot: current req/s and an ETA.</summary>
internal static class ProgressMath
{
    public static ProgressSnapshot Snapshot(string runId, string dataset, IngestSnapshot? s, TransportMetrics? m, TimeProvider clock, ref long lastRequests, ref long lastTimestamp, ref double rate)
    {
        var now = clock.GetTimestamp();
        var requests = m?.Requests ?? 0;
        var seconds = clock.GetElapsedTime(lastTimestamp, now).TotalSeconds;
        if (seconds >= 0.5)
        {
            rate = Math.Max(0, requests - lastRequests) / seconds;
            lastRequests = requests;
            lastTimestamp = now;
        }

        return new ProgressSnapshot
        {
            RunId = runId,
            Pid = Environment.ProcessId,
            Dataset = dataset,
            UpdatedAt = clock.GetUtcNow(),
            TasksPlanned = s?.Planned ?? 0,
            TasksFinished = s?.Finished ?? 0,
            Done = s?.Done ?? 0,
            Failed = s?.Failed ?? 0,
            Bars = s?.Bars ?? 0,
            Bytes = s?.Bytes ?? 0,
            ElapsedSeconds = s?.Elapsed.TotalSeconds ?? 0,
            Requests = requests,
            RequestsPerSecond = Math.Round(rate, 2),
            RateLimited = m?.RateLimited ?? 0,
            Retries = m?.Retries ?? 0,
            CurrentRateLimit = Math.Round(m?.Rate.CurrentRate ?? 0, 2),
            EtaSeconds = Eta(s),
            Phase = s?.Phase ?? RunPhase.Tasks,
            PlannedTo = s?.PlannedTo is { } to ? Calendar.IsoDate.Format(to) : null,
            Waiting = s?.Waiting,
        };
    }

    /// <summary>Seconds left at the average pace so far, or null when unknown.</summary>
    public static double? Eta(IngestSnapshot? s)
    {
        // Past the tasks the step under way (Phase) says what is going on; its length is not known.
        if (s is null || s.Finished <= 0 || s.Elapsed <= TimeSpan.Zero || s.Phase != RunPhase.Tasks)
        {
            return null;
        }

        var left = Math.Max(0, s.Planned - s.Finished);
        return Math.Round(s.Elapsed.TotalSeconds / s.Finished * left, 1);
    }
}
