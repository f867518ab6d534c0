using System.Globalization;
using System.Text;
using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Runs;

namespace SmallCaps.Cli.Commands;

/// <summary>
/// Runs the ingest verb in this detached process: console output to the run's log, the control files
/// watched (a stop request cancels the run token: the runner's clean cancellation, exit 130), progress
/// published through <see cref="LaunchedRun"/>, and the end recorded in <c>result.json</c> when no
/// supervisor does it.
/// </summary>
internal static class LaunchWorkerHost
{
    private static readonly string[] IngestVerbs = ["ingest-daily", "ingest-minute", "ingest-trades", "ingest-quotes"];

    public static async Task<int> RunAsync(RunPaths paths, string runId, int attempt, bool supervised, string[] ingestArgs, TimeProvider clock, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.LogsFolder);
        await using var log = new StreamWriter(new FileStream(paths.LogFile(runId), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), new UTF8Encoding(false)) { AutoFlush = true };
        var synchronized = TextWriter.Synchronized(log);

        // The Serilog console sink and any stray Console write land in the log too; late writes after the log closes go nowhere.
        Console.SetOut(synchronized);
        Console.SetError(synchronized);
        try
        {
            return await RunLoggedAsync(paths, runId, attempt, supervised, ingestArgs, synchronized, clock, cancellationToken);
        }
        finally
        {
            Console.SetOut(TextWriter.Null);
            Console.SetError(TextWriter.Null);
        }
    }

    private static async Task<int> RunLoggedAsync(RunPaths paths, string runId, int attempt, bool supervised, string[] ingestArgs, TextWriter synchronized, TimeProvider clock, CancellationToken cancellationToken)
    {
        await synchronized.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"=== {clock.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss'Z'} run {runId} attempt {attempt}: pid {Environment.ProcessId}: {CommandLineText.Redacted(ingestArgs)}"));
        if (ingestArgs.Length == 0 || !IngestVerbs.Contains(ingestArgs[0], StringComparer.Ordinal))
        {
            await synchronized.WriteLineAsync("error: run-detached runs only the ingest verbs");
            return Finish(paths, runId, supervised, ExitCodes.BadInput, clock, "not an ingest verb");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watcher = new ControlWatcher(paths, watchPause: supervised, stop, clock);
        var launched = new LaunchedRun(paths, runId, clock);
        LaunchedRun.Current = launched;
        int exitCode;
        try
        {
            exitCode = await CliApp.RunAsync(ingestArgs, new CliConsole(synchronized, synchronized, Interactive: false), clock, environment: null, stop.Token);
        }
        finally
        {
            LaunchedRun.Current = null;
        }

        var detail = exitCode == ExitCodes.Interrupted && watcher.Reason is { } reason ? $"{reason}; launch again to resume"
            : launched.StoppedBecause is { } why ? why
            : ExitCauses.Describe(exitCode);
        await synchronized.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"=== {clock.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss'Z'} attempt {attempt} ended: {detail}"));
        return Finish(paths, runId, supervised, exitCode, clock, detail);
    }

    private static int Finish(RunPaths paths, string runId, bool supervised, int exitCode, TimeProvider clock, string detail)
    {
        if (!supervised)
        {
            RunJson.Write(paths.Result, RunResult.FromExitCode(runId, exitCode, clock.GetUtcNow(), detail));
        }

        return exitCode;
    }
}
