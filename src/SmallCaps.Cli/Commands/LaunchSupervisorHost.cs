using System.Globalization;
using System.Text;
using SmallCaps.Core.Runs;

namespace SmallCaps.Cli.Commands;

/// <summary>Runs the supervisor loop of a <c>--supervise</c> run, logging to <c>logs/&lt;id&gt;.supervisor.log</c>.</summary>
internal static class LaunchSupervisorHost
{
    public static async Task<int> RunAsync(RunPaths paths, string runId, SupervisorOptions options, string[] ingestArgs, TimeProvider clock, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.LogsFolder);
        await using var log = new StreamWriter(new FileStream(paths.SupervisorLogFile(runId), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), new UTF8Encoding(false)) { AutoFlush = true };
        var synchronized = TextWriter.Synchronized(log);
        Console.SetOut(synchronized);
        Console.SetError(synchronized);
        void Log(string line) => synchronized.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss'Z'} {line}"));

        var tool = ToolCommand.Current();
        var workingDirectory = Directory.GetCurrentDirectory();
        var starter = new ProcessWorkerStarter(
            tool,
            attempt =>
            [
                LaunchDetachedCommandFactory.Name, "--workdir", paths.Workdir, "--run-id", runId, "--role", "supervised-worker",
                "--attempt", attempt.ToString(CultureInfo.InvariantCulture), "--", .. ingestArgs,
            ],
            workingDirectory);
        Log(string.Create(CultureInfo.InvariantCulture, $"supervisor of run {runId} started, pid {Environment.ProcessId}; max {options.MaxCrashes} crashes in {options.CrashWindow}"));
        try
        {
            var supervisor = new Supervisor(paths, runId, options, starter, clock, Log);
            var result = await supervisor.RunAsync(cancellationToken);
            RunJson.Write(paths.Result, result);
            Log($"run ended: {result.State.ToString().ToLowerInvariant()}, exit {result.ExitCode}: {result.Detail}");
            return result.ExitCode;
        }
        finally
        {
            Console.SetOut(TextWriter.Null);
            Console.SetError(TextWriter.Null);
        }
    }
}
