using System.CommandLine;
using System.Text.Json;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Runs;

namespace SmallCaps.Cli.Commands;

/// <summary>
/// <c>smallcaps status --workdir D [--json] [--lines N]</c>: state of the background run (running,
/// finished, stopped, crashed, none), ledger progress per dataset, current rate and ETA, restarts, stale
/// state warnings and the last log lines. Exit 0, or 2 when the workdir does not exist.
/// </summary>
internal static class StatusCommandFactory
{
    public static Command Create(CliContext context)
    {
        var workdir = new Option<string>("--workdir") { Description = "The run's workdir (as given to launch).", Required = true, HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print the status as JSON (stable shape, schema 1; see the README)." };
        var lines = new Option<int>("--lines") { Description = "Log lines to show.", DefaultValueFactory = _ => 10 };
        var command = new Command("status", "Show the state and progress of the background run in a workdir.") { workdir, json, lines };
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var dir = r.GetValue(workdir)!;
            if (!Directory.Exists(dir))
            {
                throw new InputException($"--workdir {dir} does not exist");
            }

            if (r.GetValue(lines) is < 0 or > 1000)
            {
                throw new InputException(FormattableString.Invariant($"--lines must be between 0 and 1000 (got {r.GetValue(lines)})"));
            }

            RunRecordCheck.EnsureReadable(RunPaths.For(dir));
            var status = RunStatusReader.Read(RunPaths.For(dir), context.Clock, r.GetValue(lines));
            if (r.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(status, RunJson.Options).AsMemory(), ct);
            }
            else
            {
                RunStatusText.Write(status, context.Console.Out);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
