using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Runs;

/// <summary>How a launched run's first seconds went.</summary>
internal enum RunStart
{
    /// <summary>The run (or its supervised ingest) has planned its tasks, or holds the outdir while it still plans.</summary>
    Started,

    /// <summary>The launched process ended before it was seen holding the lock.</summary>
    Exited,

    /// <summary>Neither happened within the patience.</summary>
    Unknown,
}

/// <summary>
/// Watches a just-launched run until it has planned its work or ends, so <c>launch</c> reports what happened (a run
/// that lost the outdir to another, or refused what only the ledger can check, exits at once) instead of a start that
/// did not happen.
/// </summary>
internal static partial class RunStartWatch
{
    /// <summary>
    /// Polls the run's <c>progress.json</c>, the process, and at the end the lock note (never the lock itself, which a
    /// probe could snatch from the run).
    /// </summary>
    public static async Task<RunStart> WaitAsync(RunPaths paths, string runId, string outdir, Process launched, DateTimeOffset launchedAt, TimeSpan patience, TimeProvider clock, CancellationToken cancellationToken)
    {
        var info = Path.Combine(outdir, SqliteLedger.FolderName, "run.lock.info");
        var until = clock.GetUtcNow() + patience;
        while (true)
        {
            var progress = RunJson.Read<ProgressSnapshot>(paths.Progress) is { } p && p.RunId == runId ? p : null;
            if (progress is { TasksPlanned: > 0, Final: false })
            {
                return RunStart.Started;
            }

            // A final snapshot means the ingest is ending: its exit code tells how.
            if (launched.HasExited || (progress is { Final: true } && launched.WaitForExit(TimeSpan.FromSeconds(10))))
            {
                return RunStart.Exited;
            }

            if (clock.GetUtcNow() >= until)
            {
                return HeldSince(info, launchedAt) ? RunStart.Started : RunStart.Unknown;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken).ConfigureAwait(false);
        }
    }

    // A note written since the launch by another live process: the run's ingest (directly, or under its supervisor).
    private static bool HeldSince(string info, DateTimeOffset launchedAt)
    {
        try
        {
            if (!File.Exists(info) || File.GetLastWriteTimeUtc(info) < launchedAt.UtcDateTime - ProcessLiveness.StartTimeTolerance)
            {
                return false;
            }

            var pid = PidPattern().Match(Input.SharedRead.AllText(info));
            return pid.Success
                && int.Parse(pid.Groups[1].Value, CultureInfo.InvariantCulture) is var holder
                && holder != Environment.ProcessId
                && ProcessLiveness.IsAlive(holder, null);
        }
        catch (IOException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^pid ([0-9]+) ")]
    private static partial Regex PidPattern();
}
