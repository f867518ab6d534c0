using Serilog.Core;
using Serilog.Events;

namespace SmallCaps.Cli.Ingest;

/// <summary>
/// A log file opened on the first event, not before: a run that stops before doing anything (outdir busy) leaves
/// no file behind.
/// </summary>
internal sealed class LazyFileSink(Func<Logger> open) : ILogEventSink, IDisposable
{
    private readonly Lock _gate = new();
    private Logger? _file;
    private bool _disposed;

    /// <summary>Whether the file has been created (something was logged).</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _file is not null;
            }
        }
    }

    /// <inheritdoc />
    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _file ??= open();
            _file.Write(logEvent);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _file?.Dispose();
        }
    }
}
