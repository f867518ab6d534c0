using SmallCaps.Cli.Commands;
using SmallCaps.Cli.Ingest;

namespace SmallCaps.Cli;

/// <summary>Entry point of the smallcaps dotnet tool.</summary>
public static class Program
{
    /// <summary>Runs the tool and returns its exit code (0, 1, 2, 3, 4 or 130; see the README).</summary>
    public static async Task<int> Main(string[] args)
    {
        // The detached host must outlive the terminal (it ignores SIGHUP itself); a foreground verb stops on it like on Ctrl+C.
        using var hangup = args is [LaunchDetachedCommandFactory.Name, ..] ? null : HangupSignal.Listen(CancellationToken.None);
        var run = CliApp.RunAsync(args, CliConsole.System(), TimeProvider.System, cancellationToken: hangup?.Token ?? CancellationToken.None);
        hangup?.Watch(run);
        return await run;
    }
}
