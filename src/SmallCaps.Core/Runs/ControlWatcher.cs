namespace SmallCaps.Core.Runs;

/// <summary>
/// Cancels a token when a control file appears: a <see cref="FileSystemWatcher"/> reacts at once, and a
/// poll on the injected clock covers file systems where change events get lost (network shares, some
/// containers). Watches <c>control/stop</c>, and <c>control/pause</c> too for a supervised ingest.
/// </summary>
internal sealed class ControlWatcher : IDisposable
{
    /// <summary>How often the files are polled besides the watcher.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly RunPaths _paths;
    private readonly bool _watchPause;
    private readonly CancellationTokenSource _cancel;
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer _poll;
    private int _fired;

    /// <summary>Starts watching; <paramref name="cancel"/> is cancelled once when a watched file exists.</summary>
    public ControlWatcher(RunPaths paths, bool watchPause, CancellationTokenSource cancel, TimeProvider clock)
    {
        _paths = paths;
        _watchPause = watchPause;
        _cancel = cancel;
        Directory.CreateDirectory(paths.ControlFolder);
        try
        {
            _watcher = new FileSystemWatcher(paths.ControlFolder) { IncludeSubdirectories = false, EnableRaisingEvents = false };
            _watcher.Created += (_, _) => Check();
            _watcher.Changed += (_, _) => Check();
            _watcher.Renamed += (_, _) => Check();
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception ex) when (ex is IOException or PlatformNotSupportedException or ArgumentException)
        {
            // Polling alone still works (inotify limits reached, unsupported file system).
            _watcher?.Dispose();
            _watcher = null;
        }

        _poll = clock.CreateTimer(_ => Check(), null, TimeSpan.Zero, PollInterval);
    }

    /// <summary>What the watcher saw, or null while nothing was asked.</summary>
    public string? Reason { get; private set; }

    /// <inheritdoc />
    public void Dispose()
    {
        _poll.Dispose();
        _watcher?.Dispose();
    }

    private void Check()
    {
        string? reason = ControlFiles.IsStopRequested(_paths) ? "stop requested"
            : _watchPause && ControlFiles.IsPaused(_paths) ? "paused"
            : null;
        if (reason is null || Interlocked.Exchange(ref _fired, 1) == 1)
        {
            return;
        }

        Reason = reason;
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
