using System.Globalization;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Core.Runs;

/// <summary>
/// Keeps a supervised run going: starts the ingest, and when it crashes (any exit code outside the
/// contract, e.g. a kill or an access violation) starts it again after a doubling backoff; the exact
/// resume of the ledger makes a restart safe. More than <see cref="SupervisorOptions.MaxCrashes"/>
/// crashes within <see cref="SupervisorOptions.CrashWindow"/> and it gives up. With a
/// <see cref="SupervisorOptions.StallTimeout"/>, an ingest whose progress counters stop moving is
/// ended and counted as a crash (the seeds' watchdog relaunched stalled runs too). A contract exit code
/// (0, 1, 2, 3, 4) ends the run; 130 ends it too unless the pause flag asked for it, in which case
/// the supervisor waits until the flag is removed and resumes. Every crash is kept in
/// <c>supervisor.json</c> with its cause. All waits use the injected clock.
/// </summary>
internal sealed class Supervisor(RunPaths paths, string runId, SupervisorOptions options, IWorkerStarter starter, TimeProvider clock, Action<string> log)
{
    private readonly List<RestartRecord> _restarts = [];
    private readonly Queue<DateTimeOffset> _recentCrashes = new();
    private int _attempt;

    /// <summary>Runs until the run ends; returns how it ended. Cancelling asks the ingest to stop cleanly.</summary>
    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        using var stopOnCancel = cancellationToken.Register(() => ControlFiles.RequestStop(paths, clock));
        while (true)
        {
            if (ControlFiles.IsStopRequested(paths))
            {
                return End(ExitCodes.Interrupted, RunState.Stopped, "stopped on request");
            }

            if (ControlFiles.IsPaused(paths))
            {
                Publish(null, paused: true);
                log("paused: waiting for the pause flag to be removed");
                await WaitAsync(Timeout.InfiniteTimeSpan, () => !ControlFiles.IsPaused(paths) || ControlFiles.IsStopRequested(paths));
                if (!ControlFiles.IsStopRequested(paths))
                {
                    log("pause flag removed: resuming");
                }

                continue;
            }

            _attempt++;
            int exitCode;
            string? stalled;
            using (var worker = starter.Start(_attempt))
            {
                Publish(worker, paused: false);
                log(string.Create(CultureInfo.InvariantCulture, $"attempt {_attempt}: ingest started, pid {worker.Pid}"));
                (exitCode, stalled) = await WatchAsync(worker);
            }

            log(string.Create(CultureInfo.InvariantCulture, $"attempt {_attempt}: {stalled ?? ExitCauses.Describe(exitCode)}"));
            if (stalled is not null)
            {
                if (await CrashedAsync(exitCode, stalled) is { } gaveUpStalled)
                {
                    return gaveUpStalled;
                }

                continue;
            }

            if (exitCode == ExitCodes.Interrupted)
            {
                if (ControlFiles.IsPaused(paths) && !ControlFiles.IsStopRequested(paths))
                {
                    continue;
                }

                return End(exitCode, RunState.Stopped, ControlFiles.IsStopRequested(paths) ? "stopped on request" : "ingest interrupted");
            }

            if (ExitCauses.IsContractCode(exitCode))
            {
                return End(exitCode, RunState.Finished, ExitCauses.Describe(exitCode));
            }

            if (await CrashedAsync(exitCode, ExitCauses.Describe(exitCode)) is { } gaveUp)
            {
                return gaveUp;
            }
        }
    }

    // Waits for the ingest to exit; with a stall timeout, ends it when its counters stop moving.
    private async Task<(int ExitCode, string? Stalled)> WatchAsync(IWorkerProcess worker)
    {
        var exit = worker.WaitForExitAsync(CancellationToken.None);
        if (options.StallTimeout is not { } stallTimeout)
        {
            return (await exit, null);
        }

        var lastSeen = (Requests: -1L, Tasks: -1, Bars: -1L);
        var lastChange = clock.GetTimestamp();
        while (!exit.IsCompleted)
        {
            await Task.WhenAny(exit, Task.Delay(options.PollInterval, clock));
            if (exit.IsCompleted)
            {
                break;
            }

            var progress = RunJson.Read<ProgressSnapshot>(paths.Progress);
            var now = progress is not null && progress.Pid == worker.Pid ? (progress.Requests, progress.TasksFinished, progress.Bars) : lastSeen;
            if (now != lastSeen)
            {
                lastSeen = now;
                lastChange = clock.GetTimestamp();
            }
            else if (clock.GetElapsedTime(lastChange) >= stallTimeout)
            {
                worker.Kill();
                var code = await exit;
                return (code, string.Create(CultureInfo.InvariantCulture, $"stalled: no progress for {stallTimeout}, ended (exit {code})"));
            }
        }

        return (await exit, null);
    }

    private async Task<RunResult?> CrashedAsync(int exitCode, string cause)
    {
        var now = clock.GetUtcNow();
        _recentCrashes.Enqueue(now);
        while (_recentCrashes.Count > 0 && now - _recentCrashes.Peek() > options.CrashWindow)
        {
            _recentCrashes.Dequeue();
        }

        if (_recentCrashes.Count > options.MaxCrashes)
        {
            _restarts.Add(new RestartRecord(now, _attempt, exitCode, cause, TimeSpan.Zero, GaveUp: true));
            Publish(null, paused: false);
            var detail = string.Create(CultureInfo.InvariantCulture, $"gave up after {_recentCrashes.Count} crashes within {options.CrashWindow}; last: {cause}");
            log(detail);
            return End(ExitCodes.SomeFailed, RunState.Crashed, detail);
        }

        var delay = options.DelayAfter(_recentCrashes.Count);
        _restarts.Add(new RestartRecord(now, _attempt, exitCode, cause, delay, GaveUp: false));
        Publish(null, paused: false);
        log(string.Create(CultureInfo.InvariantCulture, $"attempt {_attempt} crashed ({cause}); restarting in {delay}"));
        await WaitAsync(delay, () => ControlFiles.IsStopRequested(paths));
        return null;
    }

    private async Task WaitAsync(TimeSpan total, Func<bool> until)
    {
        var start = clock.GetTimestamp();
        while (!until())
        {
            var left = total == Timeout.InfiniteTimeSpan ? options.PollInterval : total - clock.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(left < options.PollInterval ? left : options.PollInterval, clock);
        }
    }

    private void Publish(IWorkerProcess? worker, bool paused) =>
        RunJson.Write(paths.Supervisor, new SupervisorState
        {
            RunId = runId,
            Attempt = _attempt,
            WorkerPid = worker?.Pid,
            WorkerStartedAt = worker?.StartedAt,
            WorkerStartTicks = worker?.StartTicks,
            Paused = paused,
            Restarts = _restarts.ToList(),
        });

    private RunResult End(int exitCode, RunState state, string detail)
    {
        Publish(null, paused: false);
        return new RunResult(runId, state, exitCode, clock.GetUtcNow(), detail);
    }
}
