using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Core.Runs;

/// <summary>
/// Set by the detached host around the ingest it runs, so the ingest verb can publish its progress
/// without knowing about runs: <c>using var p = LaunchedRun.Current?.StartProgress(...)</c>.
/// Flows with the async context; null in a plain foreground ingest.
/// </summary>
internal sealed class LaunchedRun(RunPaths paths, string runId, TimeProvider clock)
{
    private static readonly AsyncLocal<LaunchedRun?> Ambient = new();

    /// <summary>The run the current ingest belongs to, or null.</summary>
    public static LaunchedRun? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>Workdir of the run.</summary>
    public RunPaths Paths => paths;

    /// <summary>Run id.</summary>
    public string RunId => runId;

    /// <summary>Why the ingest stopped early (key rejected, disk full), set by the verb for the run's result; null otherwise.</summary>
    public string? StoppedBecause { get; set; }

    /// <summary>Starts writing <c>progress.json</c> every <see cref="ProgressFileWriter.Interval"/>; dispose writes the final one.</summary>
    public IDisposable StartProgress(string dataset, Func<IngestSnapshot?> snapshot, Func<TransportMetrics?> metrics, TimeProvider? ingestClock = null) =>
        new ProgressFileWriter(paths, runId, dataset, snapshot, metrics, ingestClock ?? clock);
}
