using System.Runtime.InteropServices;

namespace SmallCaps.Cli;

/// <summary>
/// A foreground run stops cleanly on SIGHUP (terminal closed, SSH dropped; on Windows, closing the console window)
/// as on Ctrl+C or SIGTERM: in-flight tasks back to pending, temp files removed, exit 130, the log's exit line written.
/// </summary>
internal sealed class HangupSignal : IDisposable
{
    // Windows ends the process about 5 s after a console close, when the handler returns: the clean stop must fit before.
    private static readonly TimeSpan CleanupWait = TimeSpan.FromSeconds(4.5);

    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration? _registration;
    private Task? _run;

    private HangupSignal(CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnHangup);
        }
        catch (PlatformNotSupportedException)
        {
            _registration = null;
        }
    }

    /// <summary>Cancelled by a hangup or by the caller's token.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Starts listening; the returned token is cancelled on SIGHUP.</summary>
    public static HangupSignal Listen(CancellationToken cancellationToken) => new(cancellationToken);

    /// <summary>The run a hangup waits for (briefly) before the handler returns.</summary>
    public void Watch(Task run) => Volatile.Write(ref _run, run);

    /// <inheritdoc />
    public void Dispose()
    {
        _registration?.Dispose();
        _stop.Dispose();
    }

    private void OnHangup(PosixSignalContext context)
    {
        // Keep the process alive on Unix; the run ends itself with 130 once it has cleaned up.
        context.Cancel = true;
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Volatile.Read(ref _run)?.Wait(CleanupWait);
        }
    }
}
