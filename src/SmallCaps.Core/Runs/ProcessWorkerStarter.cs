using System.Diagnostics;

namespace SmallCaps.Core.Runs;

/// <summary>Starts supervised ingest processes: the tool's detached worker verb with the run's ingest arguments.</summary>
internal sealed class ProcessWorkerStarter(ToolCommand tool, Func<int, IReadOnlyList<string>> argumentsForAttempt, string workingDirectory) : IWorkerStarter
{
    /// <inheritdoc />
    public IWorkerProcess Start(int attempt)
    {
        var process = DetachedProcess.Start(tool, argumentsForAttempt(attempt), workingDirectory, new Dictionary<string, string?>());
        return new Worker(process);
    }

    private sealed class Worker(Process process) : IWorkerProcess
    {
        public int Pid { get; } = process.Id;

        public DateTimeOffset? StartedAt { get; } = ProcessLiveness.StartTimeOf(process);

        public long? StartTicks { get; } = ProcessLiveness.StartTicksOf(process);

        public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
        {
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode;
        }

        public void Kill()
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }

        public void Dispose() => process.Dispose();
    }
}
