using System.CommandLine;
using SmallCaps.Core.Input;

namespace SmallCaps.Cli.Commands;

/// <summary>
/// <c>smallcaps stop --workdir D [--timeout 60]</c>: asks the run to stop through its stop file (works on
/// Windows, no signals), waits, ends the process tree after the timeout, and reports what is left.
/// </summary>
internal static class StopCommandFactory
{
    public static Command Create(CliContext context)
    {
        var workdir = new Option<string>("--workdir") { Description = "The run's workdir (as given to launch).", Required = true, HelpName = "DIR" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for a clean stop before ending the process.", DefaultValueFactory = _ => 60, HelpName = "SECONDS" };
        var command = new Command("stop", "Stop the background run in a workdir cleanly (the ledger stays consistent; launch again to resume).") { workdir, timeout };
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var dir = r.GetValue(workdir)!;
            var seconds = r.GetValue(timeout);
            if (!Directory.Exists(dir))
            {
                throw new InputException($"--workdir {dir} does not exist");
            }

            if (seconds is < 0 or > 86400 || double.IsNaN(seconds))
            {
                throw new InputException("--timeout must be between 0 and 86400 seconds");
            }

            return await StopHandler.RunAsync(dir, TimeSpan.FromSeconds(seconds), context, ct);
        });
        return command;
    }
}
