using System.Diagnostics;
using System.Globalization;
using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Runs;

namespace SmallCaps.Cli.Commands;

/// <summary>
/// Writes the stop request, waits for the run's top process to end (the ingest cancels cleanly and
/// records exit 130), and after the timeout ends the process tree (files are still either published or
/// temporary, the next run cleans up). Exit 0 when the run stopped by itself or was not running,
/// 1 when it had to be ended by force.
/// </summary>
internal static class StopHandler
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public static async Task<int> RunAsync(string workdir, TimeSpan timeout, CliContext context, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var clock = context.Clock;
        var output = context.Console.Out;
        var paths = RunPaths.For(workdir);
        RunRecordCheck.EnsureReadable(paths);
        var before = RunStatusReader.Read(paths, clock, logLines: 0);
        if (before.Run is not { } run)
        {
            throw new InputException($"no run launched in {paths.Workdir}");
        }

        var code = ExitCodes.Ok;
        if (before.State != RunState.Running)
        {
            await output.WriteLineAsync($"run {run.RunId} is not running ({before.State.ToString().ToLowerInvariant()}); nothing to stop");
        }
        else if (!string.Equals(run.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            // Its process cannot be watched or ended from here; the stop file still reaches it.
            ControlFiles.RequestStop(paths, clock);
            await output.WriteLineAsync($"stop requested for run {run.RunId} on host {run.Host}; it stops within seconds (check with status there)");
            return ExitCodes.Ok;
        }
        else
        {
            ControlFiles.RequestStop(paths, clock);
            await output.WriteLineAsync(string.Create(c, $"stop requested for run {run.RunId} (pid {run.Pid}); waiting up to {timeout.TotalSeconds:F0} s"));
            // The run's top process, and the supervised ingest (it may outlive a dead supervisor).
            var targets = new List<(int Pid, DateTimeOffset? Started, long? Ticks)> { (run.Pid, run.ProcessStartedAt, run.ProcessStartTicks) };
            if (run.Supervised && RunJson.Read<SupervisorState>(paths.Supervisor) is { WorkerPid: { } worker } supervisor && supervisor.RunId == run.RunId)
            {
                targets.Add((worker, supervisor.WorkerStartedAt, supervisor.WorkerStartTicks));
            }

            bool AnyAlive() => targets.Any(t => ProcessLiveness.IsAlive(t.Pid, t.Started, t.Ticks));
            var started = clock.GetTimestamp();
            while (AnyAlive() && clock.GetElapsedTime(started) < timeout)
            {
                await Task.Delay(Poll, clock, cancellationToken);
            }

            if (AnyAlive())
            {
                code = ExitCodes.SomeFailed;
                foreach (var (pid, startedAt, ticks) in targets)
                {
                    KillTree(pid, startedAt, ticks);
                }

                RunJson.Write(paths.Result, new RunResult(run.RunId, RunState.Stopped, ExitCodes.Interrupted, clock.GetUtcNow(), string.Create(c, $"ended by stop after {timeout.TotalSeconds:F0} s without a clean stop; launch again to resume")));
                await output.WriteLineAsync(string.Create(c, $"the run did not stop within {timeout.TotalSeconds:F0} s: ended its processes"));
            }
            else
            {
                if (RunJson.Read<RunResult>(paths.Result)?.RunId != run.RunId)
                {
                    // Only an ingest whose supervisor had died ends without anyone recording it.
                    RunJson.Write(paths.Result, new RunResult(run.RunId, RunState.Stopped, ExitCodes.Interrupted, clock.GetUtcNow(), "stopped on request (its supervisor was gone); launch again to resume"));
                }

                await output.WriteLineAsync(string.Create(c, $"run {run.RunId} stopped cleanly after {clock.GetElapsedTime(started).TotalSeconds:F1} s"));
            }
        }

        var after = RunStatusReader.Read(paths, clock, logLines: 0);
        foreach (var d in after.Datasets.Where(d => d.Name == run.Dataset))
        {
            var left = d.Remaining is { } r ? r.ToString(c) : "unknown";
            await output.WriteLineAsync(string.Create(c, $"{d.Name}: {d.Done + d.Empty + d.NotFound} of {d.TasksTotal} tasks settled, {left} left (failed {d.Failed}, not-entitled {d.NotEntitled})"));
            if (d.Waiting is { } waiting)
            {
                await output.WriteLineAsync($"{d.Name}: ends {d.PlannedTo}: {waiting}; a later run fetches them");
            }
        }

        foreach (var w in after.Warnings)
        {
            await output.WriteLineAsync($"warning: {w}");
        }

        await output.WriteLineAsync(ResumeLine.For(run, paths));
        return code;
    }

    private static void KillTree(int pid, DateTimeOffset? startedAt, long? startTicks)
    {
        if (!ProcessLiveness.IsAlive(pid, startedAt, startTicks))
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
