using System.Diagnostics;
using SmallCaps.Core.Runs;

namespace SmallCaps.Cli.Tests.Runs;

/// <summary>Runs the real tool (<c>dotnet smallcaps.dll</c>) as a child process, as a user or a scheduler would.</summary>
internal static class ToolProcess
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Task<Result> RunAsync(params string[] args) => RunInAsync(Directory.GetCurrentDirectory(), args);

    /// <summary>Runs the tool from <paramref name="workingDirectory"/> (relative paths resolve there).</summary>
    public static async Task<Result> RunInAsync(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "smallcaps.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // Keys come only from what the test passes.
        psi.Environment.Remove("MASSIVE_API_KEY");
        psi.Environment.Remove("POLYGON_API_KEY");
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Waits (bounded) until the run in <paramref name="paths"/> is no longer running.</summary>
    public static async Task<RunStatus> WaitForEndAsync(RunPaths paths, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        DateTime? endlessSince = null;
        while (true)
        {
            var status = RunStatusReader.Read(paths, TimeProvider.System, logLines: 20);
            var ended = status.State != RunState.Running;

            // An end without a recorded result (crashed / none) must persist before it counts: one full-suite CI run
            // saw a 1 s launch read that way once, cause not yet found; a real crash still fails after the grace.
            var settled = status.Result is not null || (endlessSince is { } since && DateTime.UtcNow - since > TimeSpan.FromSeconds(5));
            if ((ended && settled) || DateTime.UtcNow > until)
            {
                return status;
            }

            endlessSince = ended ? endlessSince ?? DateTime.UtcNow : null;
            await Task.Delay(200);
        }
    }

    /// <summary>Waits (bounded) for a condition on the run's files.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>Ends whatever a failed test left running (only processes this test launched).</summary>
    public static void KillLeftovers(RunPaths paths)
    {
        var pids = new List<(int Pid, DateTimeOffset? Started)>();
        if (RunJson.Read<RunRecord>(paths.Record) is { } record)
        {
            pids.Add((record.Pid, record.ProcessStartedAt));
        }

        if (RunJson.Read<SupervisorState>(paths.Supervisor) is { WorkerPid: { } worker } state)
        {
            pids.Add((worker, state.WorkerStartedAt));
        }

        foreach (var (pid, started) in pids.Where(p => ProcessLiveness.IsAlive(p.Pid, p.Started)))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
            }
        }
    }
}
