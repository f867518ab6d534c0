using System.CommandLine;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ticks;

namespace SmallCaps.Cli.Commands;

/// <summary>
/// <c>smallcaps launch ingest-daily|ingest-minute|ingest-trades|ingest-quotes &lt;its options&gt; --workdir D [--supervise]</c>: the ingest
/// verbs themselves (same options, same validation) plus the run options, started in the background.
/// </summary>
internal static class LaunchCommandFactory
{
    public static Command Create(CliContext context)
    {
        var launch = new Command("launch", "Start an ingest in the background (survives closing the terminal); see 'status' and 'stop'.");
        launch.Add(Verb(IngestCommandFactory.Create("ingest-daily", BarDataset.Daily, "Fetch daily bars in the background.", context), context));
        launch.Add(Verb(IngestCommandFactory.Create("ingest-minute", BarDataset.Minute, "Fetch 1-minute bars in the background.", context), context));
        launch.Add(Verb(TicksCommandFactory.Create(TickKind.Trades, context), context));
        launch.Add(Verb(TicksCommandFactory.Create(TickKind.Quotes, context), context));
        return launch;
    }

    private static Command Verb(Command command, CliContext context)
    {
        var options = new LaunchOptions
        {
            Workdir = new Option<string>("--workdir") { Description = "Folder of the run record, control files and logs (one run at a time).", Required = true, HelpName = "DIR" },
            Supervise = new Option<bool>("--supervise") { Description = "Restart the ingest after a crash, with backoff; give up after too many crashes." },
            MaxCrashes = new Option<int>("--max-crashes") { Description = "Crashes tolerated within the crash window (supervised).", DefaultValueFactory = _ => 5 },
            CrashWindow = new Option<double>("--crash-window") { Description = "Minutes the crashes are counted over (supervised).", DefaultValueFactory = _ => 30 },
            RestartDelay = new Option<double>("--restart-delay") { Description = "Seconds before the first restart; doubles per crash, at most 5 minutes (supervised).", DefaultValueFactory = _ => 5 },
            StallTimeout = new Option<double?>("--stall-timeout") { Description = "Minutes without progress after which the ingest is ended and restarted (supervised; default off)." },
        };
        command.Add(options.Workdir);
        command.Add(options.Supervise);
        command.Add(options.MaxCrashes);
        command.Add(options.CrashWindow);
        command.Add(options.RestartDelay);
        command.Add(options.StallTimeout);
        command.SetAction((ParseResult r, CancellationToken ct) => LaunchHandler.RunAsync(r, command.Name, options, context, ct));
        return command;
    }
}
