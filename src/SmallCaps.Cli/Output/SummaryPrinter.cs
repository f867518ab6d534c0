using System.Globalization;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Cli.Output;

/// <summary>The final summary of a run, plain text so it reads the same in a terminal and a log.</summary>
internal static class SummaryPrinter
{
    public static void Print(TextWriter output, string dataset, IngestOutcome outcome, TransportMetrics? m, string rows = "bars")
    {
        var s = outcome.Final;
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{dataset} summary"));
        output.WriteLine(string.Create(c, $"  tasks      {s.Planned} planned: done {s.Done}, empty {s.Empty}, not-found {s.NotFound}, not-entitled {s.NotEntitled}, failed {s.Failed}"));
        output.WriteLine(string.Create(c, $"  {rows,-10} {s.Bars:N0}"));
        output.WriteLine(string.Create(c, $"  written    {s.Bytes / 1048576.0:F1} MB"));
        if (outcome.Merged is { } merged && (merged.Files > 0 || merged.Skipped > 0))
        {
            var skipped = merged.Skipped > 0 ? string.Create(c, $"; {merged.Skipped} partitions left as they were, see the log") : string.Empty;
            output.WriteLine(string.Create(c, $"  merged     {merged.Files} files into {merged.Partitions}{skipped}"));
        }

        if (outcome.RecheckedTails is { Stale: > 0 } tails)
        {
            // Explains requests beyond the planned tasks: these windows were fetched again whole.
            var failed = tails.Failed > 0 ? string.Create(c, $"; {tails.Failed} kept their old file, see the log") : string.Empty;
            output.WriteLine(string.Create(c, $"  rechecked  {tails.Refetched} of {tails.Stale} windows an older build may have ended early, fetched again whole{failed}"));
        }

        if (outcome.Refetched is { Stale: > 0 } again)
        {
            var failed = again.Failed > 0 ? string.Create(c, $"; {again.Failed} kept their old file, see the log") : string.Empty;
            output.WriteLine(string.Create(c, $"  refetched  {again.Refetched} of {again.Stale} windows of adjusted bars a split had rewritten{failed}"));
        }

        if (m is not null)
        {
            output.WriteLine(string.Create(c, $"  requests   {m.Requests:N0} (429s {m.RateLimited}, retries {m.Retries}, failures {m.Failures})"));
        }

        output.WriteLine(string.Create(c, $"  elapsed    {s.Elapsed:hh\\:mm\\:ss\\.f}"));
        var status = outcome.ExitCode switch
        {
            ExitCodes.Ok => "complete",
            ExitCodes.SomeFailed when outcome.FatalError is not null => "stopped early; run the same command again to resume",
            ExitCodes.SomeFailed => "some tasks failed; run the same command again to resume",
            ExitCodes.Interrupted => "interrupted; run the same command again to resume",
            ExitCodes.KeyRejected when outcome.FatalError is null => string.Create(c, $"done, except {s.NotEntitled} windows outside the API plan; later runs skip them (--retry-not-entitled asks again)"),
            _ => "stopped",
        };
        output.WriteLine(string.Create(c, $"  result     {status} (exit {outcome.ExitCode})"));
        if (outcome.FirstFailure is { } failure)
        {
            output.WriteLine(string.Create(c, $"  first failure: {failure}"));
        }
    }
}
