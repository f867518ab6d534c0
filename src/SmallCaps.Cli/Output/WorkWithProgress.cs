using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Progress;
using Spectre.Console;

namespace SmallCaps.Cli.Output;

/// <summary>
/// Runs a long file-by-file job (verify, backup) with the ingest's progress display, on stderr: stdout keeps only the
/// verb's report (text or --json) for scripts. Nothing shows in the first <see cref="Quiet"/> on a terminal, nor before
/// <see cref="ProgressReporter.PlainInterval"/> when redirected, so a short run prints no progress line.
/// </summary>
internal static class WorkWithProgress
{
    /// <summary>How long a run on a terminal stays quiet before the live line shows.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="work"/> on the thread pool, showing what it counts until it ends (however it ends).</summary>
    public static async Task<T> RunAsync<T>(CliConsole console, TimeProvider clock, Func<WorkProgress, T> work, Func<WorkSnapshot, string> line, CancellationToken ct)
    {
        var progress = new WorkProgress(clock);
        var live = console.Interactive ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) }) : null;
        var reporter = new ProgressReporter(console.Error, console.Interactive, clock, live: live) { Quiet = Quiet };
        using var stop = new CancellationTokenSource();
        var shown = reporter.RunAsync(() => line(progress.Snapshot()), stop.Token);
        try
        {
            return await Task.Run(() => work(progress), ct);
        }
        finally
        {
            await stop.CancelAsync();
            await shown;
        }
    }
}
