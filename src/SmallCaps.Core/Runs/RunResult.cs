namespace SmallCaps.Core.Runs;

/// <summary>How a background run ended (<c>result.json</c>), written once by its top process or by <c>stop</c>.</summary>
/// <param name="RunId">Run id.</param>
/// <param name="State">Finished, stopped or crashed.</param>
/// <param name="ExitCode">Exit code of the ingest (contract codes) or of the supervisor.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="Detail">One line: the summary, why the supervisor gave up, or how stop ended it.</param>
internal sealed record RunResult(string RunId, RunState State, int ExitCode, DateTimeOffset EndedAt, string Detail)
{
    /// <summary>The result an ingest exit code means.</summary>
    public static RunResult FromExitCode(string runId, int exitCode, DateTimeOffset endedAt, string? detail = null)
    {
        var state = exitCode == Ingest.ExitCodes.Interrupted ? RunState.Stopped
            : ExitCauses.IsContractCode(exitCode) ? RunState.Finished
            : RunState.Crashed;
        return new RunResult(runId, state, exitCode, endedAt, detail ?? ExitCauses.Describe(exitCode));
    }
}
