using System.CommandLine;
using System.Runtime.InteropServices;
using SmallCaps.Core.Runs;

namespace SmallCaps.Cli.Commands;

/// <summary>
/// Hidden <c>run-detached</c> verb: the background side of <c>launch</c>. Role <c>worker</c> runs the
/// ingest and records the result; <c>supervisor</c> runs the supervisor loop over
/// <c>supervised-worker</c> processes. Not for users: launch builds its command line.
/// </summary>
internal static class LaunchDetachedCommandFactory
{
    public const string Name = "run-detached";

    public static Command Create(CliContext context)
    {
        var workdir = new Option<string>("--workdir") { Required = true };
        var runId = new Option<string>("--run-id") { Required = true };
        var role = new Option<string>("--role") { Required = true };
        role.AcceptOnlyFromAmong("worker", "supervisor", "supervised-worker");
        var attempt = new Option<int>("--attempt") { DefaultValueFactory = _ => 1 };
        var maxCrashes = new Option<int>("--max-crashes") { DefaultValueFactory = _ => 5 };
        var crashWindow = new Option<double>("--crash-window") { DefaultValueFactory = _ => 30 };
        var restartDelay = new Option<double>("--restart-delay") { DefaultValueFactory = _ => 5 };
        var stallTimeout = new Option<double?>("--stall-timeout");
        var ingest = new Argument<string[]>("ingest") { Arity = ArgumentArity.OneOrMore };
        var command = new Command(Name, "Internal: the detached side of 'launch'.") { workdir, runId, role, attempt, maxCrashes, crashWindow, restartDelay, stallTimeout, ingest };
        command.Hidden = true;
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            // Closing the terminal that launched us must not end the run.
            using var hangup = IgnoreHangup();
            var paths = RunPaths.For(r.GetValue(workdir)!);
            var id = r.GetValue(runId)!;
            var args = r.GetValue(ingest)!;
            if (r.GetValue(role) == "supervisor")
            {
                var options = new SupervisorOptions
                {
                    MaxCrashes = r.GetValue(maxCrashes),
                    CrashWindow = TimeSpan.FromMinutes(r.GetValue(crashWindow)),
                    BaseDelay = TimeSpan.FromSeconds(r.GetValue(restartDelay)),
                    StallTimeout = r.GetValue(stallTimeout) is { } stall ? TimeSpan.FromMinutes(stall) : null,
                };
                return await LaunchSupervisorHost.RunAsync(paths, id, options, args, context.Clock, ct);
            }

            var supervised = r.GetValue(role) == "supervised-worker";
            return await LaunchWorkerHost.RunAsync(paths, id, r.GetValue(attempt), supervised, args, context.Clock, ct);
        });
        return command;
    }

    private static PosixSignalRegistration? IgnoreHangup()
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => c.Cancel = true);
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }
}
