using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Core.Runs;

/// <summary>Writes the running ingest's counters to <c>progress.json</c> on a timer; a final snapshot on dispose.</summary>
internal sealed class ProgressFileWriter : IDisposable
{
    /// <summary>How often a snapshot is written.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly RunPaths _paths;
    private readonly string _runId;
    private readonly string _dataset;
    private readonly Func<IngestSnapshot?> _snapshot;
    private readonly Func<TransportMetrics?> _metrics;
    private readonly TimeProvider _clock;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private long _lastRequests;
    private long _lastTimestamp;
    private double _rate;
    private bool _disposed;

    public ProgressFileWriter(RunPaths paths, string runId, string dataset, Func<IngestSnapshot?> snapshot, Func<TransportMetrics?> metrics, TimeProvider clock)
    {
        _paths = paths;
        _runId = runId;
        _dataset = dataset;
        _snapshot = snapshot;
        _metrics = metrics;
        _clock = clock;
        _lastTimestamp = clock.GetTimestamp();
        _timer = clock.CreateTimer(_ => Write(final: false), null, Interval, Interval);
    }

    public void Dispose()
    {
        _timer.Dispose();
        Write(final: true);
        lock (_gate)
        {
            _disposed = true;
        }
    }

    private void Write(bool final)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                var progress = ProgressMath.Snapshot(_runId, _dataset, _snapshot(), _metrics(), _clock, ref _lastRequests, ref _lastTimestamp, ref _rate) with { Final = final };
                if (final)
                {
                    // The process has ended: nothing is left to estimate (a stopped run's ETA would be stale).
                    progress = progress with { EtaSeconds = null };
                }

                RunJson.Write(_paths.Progress, progress);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Progress is advisory: a full disk or a locked file must not stop the ingest.
            }
        }
    }
}
