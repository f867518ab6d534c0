using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using Spectre.Console;

namespace SmallCaps.Cli.Output;

/// <summary>
/// Shows progress while a run works: a live Spectre line on a terminal, a plain line every
/// <see cref="PlainInterval"/> when output is redirected (logs, schedulers).
/// </summary>
/// <param name="output">Where plain lines go; on a terminal, the live line goes there too unless <paramref name="live"/> is given.</param>
/// <param name="interactive">Whether the live line is shown (stdout and stderr are terminals).</param>
/// <param name="clock">Time for the intervals.</param>
/// <param name="rows">What an ingest's rows are called (bars, trades, quotes).</param>
/// <param name="live">The console the live line is drawn on; null for the process's stdout.</param>
internal sealed class ProgressReporter(TextWriter output, bool interactive, TimeProvider clock, string rows = "bars", IAnsiConsole? live = null)
{
    /// <summary>How often a redirected run prints a line.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    /// <summary>How long the live line waits before it shows, so a short run stays quiet.</summary>
    /// <value>The default value is zero: at once.</value>
    public TimeSpan Quiet { get; init; } = TimeSpan.Zero;

    /// <summary>An ingest's progress: tasks, rows, MB, requests.</summary>
    public Task RunAsync(Func<IngestSnapshot?> snapshot, Func<TransportMetrics?> metrics, CancellationToken stop) =>
        RunAsync(() => snapshot() is { } s ? ProgressLine.Format(s, metrics(), rows) : null, stop);

    /// <summary>Shows <paramref name="line"/> (null: nothing to show yet) until <paramref name="stop"/>; no line is written once it has returned.</summary>
    public async Task RunAsync(Func<string?> line, CancellationToken stop)
    {
        if (interactive)
        {
            await Delay(Quiet, stop);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            await (live ?? AnsiConsole.Console).Live(new Markup("starting...")).AutoClear(true).StartAsync(async ctx =>
            {
                while (!stop.IsCancellationRequested)
                {
                    if (line() is { } text)
                    {
                        ctx.UpdateTarget(new Markup(Markup.Escape(text)));
                    }

                    await Delay(TimeSpan.FromMilliseconds(500), stop);
                }
            });
            return;
        }

        // Written from the clock's timer, under a gate the stop also takes: no line can follow the run's own output.
        var gate = new Lock();
        var stopped = false;
        using var timer = clock.CreateTimer(
            _ =>
            {
                lock (gate)
                {
                    if (!stopped && line() is { } text)
                    {
                        output.WriteLine(text);
                    }
                }
            },
            null,
            PlainInterval,
            PlainInterval);
        await Delay(Timeout.InfiniteTimeSpan, stop);
        lock (gate)
        {
            stopped = true;
        }
    }

    private async Task Delay(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, clock, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
