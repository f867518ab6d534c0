using System.CommandLine;
using SmallCaps.Core.Lake;

namespace SmallCaps.Cli.Commands;

/// <summary>
/// <c>smallcaps launch ingest-daily|ingest-minute &lt;its options&gt; --workdir D [--supervise]</c>: the ingest
/// verbs themselves (same options, same validation) plus the run options, started in the background.
/// </summary>
internal static class LaunchCommandFactory
{
    public static Command Create(CliContext context)
    {
        var launch = new Command("launch", "Start an ingest in the background (survives closing the terminal); see 'status' and 'stop'.");
        launch.Add(Verb("ingest-daily", BarDataset.Daily, "Fetch daily bars in the background.", context));
        launch.Add(Verb("ingest-minute", BarDataset.Minute, "Fetch 1-minute bars in the background.", context));
        return launch;
    }

    private static Command Verb(string name, BarDataset dataset, string description, CliContext context)
    {
        var command = IngestCommandFactory.Create(name, dataset, description, context);
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
        command.SetAction((ParseResult r, CancellationToken ct) => LaunchHandler.RunAsync(r, name, dataset, options, context, ct));
        return command;
    }
}
