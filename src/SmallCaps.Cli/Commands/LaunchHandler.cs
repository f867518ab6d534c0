using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Runs;
using SmallCaps.Core.Ticks;

namespace SmallCaps.Cli.Commands;

/// <summary>
/// Validates like the ingest would (nothing starts on bad input), refuses a second run of the workdir or
/// the outdir (exit 4 naming the holder), then starts the detached host and records the run.
/// </summary>
internal static class LaunchHandler
{
    // A week: longer windows and stalls are typos, and TimeSpan cannot hold 1e308 minutes.
    private const double MaxMinutes = 7 * 24 * 60;

    // The backoff never waits longer than SupervisorOptions.MaxDelay (5 minutes).
    private const double MaxRestartDelaySeconds = 300;

    public static async Task<int> RunAsync(ParseResult r, string verb, LaunchOptions o, CliContext context, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var clock = context.Clock;

        // 1. The checks of the verb itself (the same functions, so the two cannot drift), while the user is still watching.
        var bars = verb is "ingest-daily" or "ingest-minute";
        string dataset;
        string outdir;
        if (bars)
        {
            var barDataset = verb == "ingest-daily" ? BarDataset.Daily : BarDataset.Minute;
            (dataset, outdir) = (barDataset.Name, IngestCommandHandler.Validate(IngestCommandFactory.Arguments(r, barDataset, context), clock).Outdir);
        }
        else
        {
            var plan = TicksCommandHandler.Validate(TicksCommandFactory.Arguments(r, verb == "ingest-trades" ? TickKind.Trades : TickKind.Quotes, context));
            (dataset, outdir) = (plan.Dataset.Name, plan.Outdir);
        }

        var paths = RunPaths.For(OutputPaths.Folder("--workdir", r.GetValue(o.Workdir)));
        var supervisor = Supervisor(r, o);
        var tickersCsv = bars ? Path.GetFullPath(r.GetValue<string>("--tickers-csv")!) : null;
        var manifest = bars ? null : Path.GetFullPath(r.GetValue<string>("--manifest")!);

        // Ticks record their --start-date/--end-date here, so status can count the sessions left.
        var from = r.GetValue<string>(bars ? "--from" : "--start-date");
        var to = r.GetValue<string>(bars ? "--to" : "--end-date");
        var cliKey = r.GetValue<string?>("--api-key");
        var tool = ToolCommand.Current();
        var formerTickers = bars && r.GetValue<bool>("--former-tickers");

        // 2. One run per workdir and per outdir; the gates make the check and the start one step for concurrent launches.
        var patience = TimeSpan.FromSeconds(60);
        using var workdirGate = await LaunchGate.EnterAsync(LaunchGate.InWorkdir(paths), "--workdir " + paths.Workdir, patience, clock, cancellationToken);
        using var outdirGate = await LaunchGate.EnterAsync(LaunchGate.InOutdir(outdir), outdir, patience, clock, cancellationToken);
        var notices = new List<string>();
        var previous = RunJson.Read<RunRecord>(paths.Record);
        if (previous is not null)
        {
            var status = RunStatusReader.Read(paths, clock, logLines: 0);
            if (status.State == RunState.Running)
            {
                throw new OutdirLockedException(string.Create(CultureInfo.InvariantCulture, $"{paths.Workdir} already runs {previous.RunId} (pid {previous.Pid}, started {previous.StartedAt:yyyy-MM-dd'T'HH:mm:ss'Z'}): stop it first or use another --workdir"));
            }

            if (status.State == RunState.Crashed && status.Result is null)
            {
                notices.Add(string.Create(CultureInfo.InvariantCulture, $"previous run {previous.RunId} died without recording an end (pid {previous.Pid}); this run resumes its work"));
            }
        }

        using (var probe = OutdirLock.Acquire(outdir, clock))
        {
            if (probe.PreviousHolder is { } stale)
            {
                notices.Add($"took over a stale lock of a run that died ({stale})");
            }
        }

        // Only now that this launch goes ahead does the previous run's record leave status.
        if (previous is not null)
        {
            RunHistory.Archive(paths, previous.RunId);
        }

        // 3. Start the detached host; the key travels only in its environment.
        ControlFiles.ClearStop(paths);
        if (ControlFiles.IsPaused(paths))
        {
            notices.Add(r.GetValue(o.Supervise)
                ? $"the pause flag {paths.PauseFile} is set: the run waits until it is removed"
                : $"the pause flag {paths.PauseFile} only holds supervised runs; this run starts now");
        }

        Directory.CreateDirectory(paths.LogsFolder);
        var runId = RunId.New(clock);
        var ingest = IngestTokens(r, o);
        string[] host =
        [
            "run-detached", "--workdir", paths.Workdir, "--run-id", runId, "--role", r.GetValue(o.Supervise) ? "supervisor" : "worker",
            "--max-crashes", supervisor.MaxCrashes.ToString(CultureInfo.InvariantCulture),
            "--crash-window", supervisor.CrashWindow.TotalMinutes.ToString("R", CultureInfo.InvariantCulture),
            "--restart-delay", supervisor.BaseDelay.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
            .. (supervisor.StallTimeout is { } st ? new[] { "--stall-timeout", st.TotalMinutes.ToString("R", CultureInfo.InvariantCulture) } : []),
            "--", .. ingest,
        ];
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(cliKey))
        {
            environment[ApiKeyResolver.MassiveVariable] = cliKey;
        }

        var launchedAt = clock.GetUtcNow();
        using var process = DetachedProcess.Start(tool, host, Directory.GetCurrentDirectory(), environment);
        var record = new RunRecord
        {
            RunId = runId,
            Verb = verb,
            Dataset = dataset,
            CommandLine = CommandLineText.Redacted([.. ingest]),
            ResumeCommandLine = ResumeCommandLine(r, o, CommandLineText.RedactedArguments(ingest), paths),
            Outdir = outdir,
            TickersCsv = tickersCsv,
            From = from,
            To = to,
            FormerTickers = formerTickers,
            RetryNotEntitled = bars && r.GetValue<bool>("--retry-not-entitled"),
            Manifest = manifest,
            Supervised = r.GetValue(o.Supervise),
            Pid = process.Id,
            ProcessStartedAt = ProcessLiveness.StartTimeOf(process),
            ProcessStartTicks = ProcessLiveness.StartTicksOf(process),
            Host = Environment.MachineName,
            StartedAt = clock.GetUtcNow(),
            LogPath = paths.LogFile(runId),
        };
        RunJson.Write(paths.Record, record);

        // The gates stay shut until the run has planned (so it owns the outdir): a launch right behind this one sees it (exit 4).
        var start = await RunStartWatch.WaitAsync(paths, runId, outdir, process, launchedAt, TimeSpan.FromSeconds(30), clock, cancellationToken);
        if (start == RunStart.Exited && process.ExitCode != ExitCodes.Ok)
        {
            // The run's own error line says why; the result only has the code's meaning.
            var why = LogTail.Read(record.LogPath, 20).LastOrDefault(l => l.StartsWith("error: ", StringComparison.Ordinal))?["error: ".Length..]
                ?? RunJson.Read<RunResult>(paths.Result)?.Detail ?? "see " + record.LogPath;
            await console.Error.WriteLineAsync($"error: run {runId} ended at once (exit {process.ExitCode}): {why}");
            return process.ExitCode;
        }

        if (start == RunStart.Unknown)
        {
            notices.Add($"the run has not started its tasks within 30 s; 'smallcaps status --workdir {CommandLineText.ForShell(paths.Workdir)}' shows how it goes");
        }

        foreach (var notice in notices)
        {
            await console.Error.WriteLineAsync($"notice: {notice}");
        }

        await console.Out.WriteLineAsync($"run id: {runId}");
        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"pid: {process.Id}"));
        await console.Out.WriteLineAsync($"log: {record.LogPath}");
        await console.Out.WriteLineAsync($"follow it with: smallcaps status --workdir {CommandLineText.ForShell(paths.Workdir)}   stop it with: smallcaps stop --workdir {CommandLineText.ForShell(paths.Workdir)}");
        cancellationToken.ThrowIfCancellationRequested();
        return ExitCodes.Ok;
    }

    /// <summary>The supervisor's options, each checked before it becomes a TimeSpan (NaN or 1e308 would throw there).</summary>
    private static SupervisorOptions Supervisor(ParseResult r, LaunchOptions o)
    {
        var supervisor = new SupervisorOptions
        {
            MaxCrashes = r.GetValue(o.MaxCrashes),
            CrashWindow = TimeSpan.FromMinutes(Within("--crash-window", r.GetValue(o.CrashWindow), "minutes", zeroAllowed: false, MaxMinutes)),
            BaseDelay = TimeSpan.FromSeconds(Within("--restart-delay", r.GetValue(o.RestartDelay), "seconds", zeroAllowed: true, MaxRestartDelaySeconds)),
            StallTimeout = r.GetValue(o.StallTimeout) is { } stall ? TimeSpan.FromMinutes(Within("--stall-timeout", stall, "minutes", zeroAllowed: false, MaxMinutes)) : null,
        };
        return supervisor.Validate() is { Count: > 0 } problems ? throw new InputException(problems[0]) : supervisor;
    }

    private static double Within(string option, double value, string unit, bool zeroAllowed, double max) =>
        double.IsFinite(value) && (zeroAllowed ? value >= 0 : value > 0) && value <= max
            ? value
            : throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{option} must be {(zeroAllowed ? "0" : "above 0")} to {max} {unit} (got {value})"));

    /// <summary>
    /// The command that launches this run again from any folder: the ingest tokens (paths already absolute), then
    /// launch's own options as typed (supervisor settings included) with the workdir absolute.
    /// </summary>
    private static string ResumeCommandLine(ParseResult r, LaunchOptions o, IReadOnlyList<string> ingest, RunPaths paths)
    {
        var own = new List<string>();
        foreach (var option in o.All.OfType<Option>().Where(x => x.Name != "--workdir"))
        {
            if (r.GetResult(option) is OptionResult { IdentifierToken: { } id } result)
            {
                own.Add(id.Value);
                own.AddRange(result.Tokens.Select(t => t.Value));
            }
        }

        return "smallcaps launch " + string.Join(' ', ingest.Append("--workdir").Append(paths.Workdir).Concat(own).Select(CommandLineText.ForShell));
    }

    /// <summary>
    /// The ingest verb and its options as typed, minus launch's own options and the key, with the file and folder
    /// options made absolute (the record and the resume line must not depend on where launch was typed).
    /// </summary>
    private static List<string> IngestTokens(ParseResult r, LaunchOptions o)
    {
        var excluded = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        var key = r.CommandResult.Command.Options.FirstOrDefault(x => x.Name == "--api-key");
        foreach (var option in o.All.Append(key).OfType<Option>())
        {
            if (r.GetResult(option) is OptionResult result)
            {
                if (result.IdentifierToken is { } id)
                {
                    excluded.Add(id);
                }

                foreach (var t in result.Tokens)
                {
                    excluded.Add(t);
                }
            }
        }

        var absolute = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        foreach (var option in r.CommandResult.Command.Options.Where(x => x.Name is "--tickers-csv" or "--outdir" or "--manifest"))
        {
            if (r.GetResult(option) is OptionResult result)
            {
                absolute.UnionWith(result.Tokens);
            }
        }

        var tokens = r.Tokens.ToList();
        var start = tokens.FindIndex(t => t.Type == TokenType.Command && t.Value == "launch");
        return tokens.Skip(start + 1).Where(t => !excluded.Contains(t)).Select(t => absolute.Contains(t) ? Path.GetFullPath(t.Value) : t.Value).ToList();
    }
}
