using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using Spectre.Console;

namespace SmallCaps.Cli.Output;

/// <summary>
/// Shows progress while a run works: a live Spectre line on a terminal, a plain line every
/// <see cref="PlainInterval"/> when output is redirected (logs, schedulers).
/// </summary>
internal sealed class ProgressReporter(TextWriter output, bool interactive, TimeProvider clock, string rows = "bars")
{
    /// <summary>How often a redirected run prints a line.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    public async Task RunAsync(Func<IngestSnapshot?> snapshot, Func<TransportMetrics?> metrics, CancellationToken stop)
    {
        if (interactive)
        {
            await AnsiConsole.Live(new Markup("starting...")).AutoClear(true).StartAsync(async ctx =>
            {
                while (!stop.IsCancellationRequested)
                {
                    if (snapshot() is { } s)
                    {
                        ctx.UpdateTarget(new Markup(Markup.Escape(ProgressLine.Format(s, metrics(), rows))));
                    }

                    await Delay(TimeSpan.FromMilliseconds(500), stop);
                }
            });
            return;
        }

        while (!stop.IsCancellationRequested)
        {
            await Delay(PlainInterval, stop);
            if (!stop.IsCancellationRequested && snapshot() is { } s)
            {
                await output.WriteLineAsync(ProgressLine.Format(s, metrics(), rows));
            }
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
