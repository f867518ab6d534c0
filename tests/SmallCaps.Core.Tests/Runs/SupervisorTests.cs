using SmallCaps.Core.Runs;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Runs;

public sealed class SupervisorTests
{
    [Fact]
    public async Task RunAsync_CrashThenSuccess_RestartsAfterBackoffAndRecordsCause()
    {
        // Given: the first ingest is SIGKILLed (137), the second finishes
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider();
        var starter = new ScriptedStarter(clock, 137, 0);
        var sut = CreateSut(dir, clock, starter, new SupervisorOptions { BaseDelay = TimeSpan.FromSeconds(5) });

        // When
        var result = await DriveAsync(sut, clock);

        // Then
        Assert.Equal(RunState.Finished, result.State);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, starter.Starts.Count);
        Assert.True(starter.Starts[1] - starter.Starts[0] >= TimeSpan.FromSeconds(5));
        var state = RunJson.Read<SupervisorState>(new RunPaths(dir.Path).Supervisor)!;
        var restart = Assert.Single(state.Restarts);
        Assert.Equal(137, restart.ExitCode);
        Assert.Equal(TimeSpan.FromSeconds(5), restart.Delay);
        Assert.False(restart.GaveUp);
        Assert.Equal(2, state.Attempt);
    }

    [Fact]
    public async Task RunAsync_TooManyCrashesInWindow_GivesUpWithDoublingBackoff()
    {
        // Given
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider();
        var starter = new ScriptedStarter(clock, 137, 137, 137, 0);
        var options = new SupervisorOptions { MaxCrashes = 2, CrashWindow = TimeSpan.FromMinutes(10), BaseDelay = TimeSpan.FromSeconds(1) };
        var sut = CreateSut(dir, clock, starter, options);

        // When
        var result = await DriveAsync(sut, clock);

        // Then
        Assert.Equal(RunState.Crashed, result.State);
        Assert.Contains("gave up after 3 crashes", result.Detail);
        Assert.Equal(3, starter.Starts.Count);
        var restarts = RunJson.Read<SupervisorState>(new RunPaths(dir.Path).Supervisor)!.Restarts;
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.Zero], restarts.Select(r => r.Delay));
        Assert.True(restarts[^1].GaveUp);
    }

    [Fact]
    public async Task RunAsync_CrashesSpreadBeyondWindow_NeverGivesUp()
    {
        // Given: one crash tolerated per minute, and each backoff is two minutes
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider();
        var starter = new ScriptedStarter(clock, 137, 137, 137, 0);
        var options = new SupervisorOptions { MaxCrashes = 1, CrashWindow = TimeSpan.FromMinutes(1), BaseDelay = TimeSpan.FromMinutes(2), MaxDelay = TimeSpan.FromMinutes(2) };

        // When
        var result = await DriveAsync(CreateSut(dir, clock, starter, options), clock);

        // Then
        Assert.Equal(RunState.Finished, result.State);
        Assert.Equal(4, starter.Starts.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task RunAsync_ContractExitCode_EndsWithoutRestart(int code)
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider();
        var starter = new ScriptedStarter(clock, code, 0);

        var result = await DriveAsync(CreateSut(dir, clock, starter, new SupervisorOptions()), clock);

        Assert.Equal(RunState.Finished, result.State);
        Assert.Equal(code, result.ExitCode);
        Assert.Single(starter.Starts);
    }

    [Fact]
    public async Task RunAsync_PauseFlag_HoldsUntilRemoved()
    {
        // Given: the pause flag is set before the run starts
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        var clock = new FakeTimeProvider();
        ControlFiles.Pause(paths, clock);
        var starter = new ScriptedStarter(clock, 0);
        var run = CreateSut(dir, clock, starter, new SupervisorOptions()).RunAsync(CancellationToken.None);

        // When: a minute passes paused, then the flag is removed
        for (var i = 0; i < 60; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        var startsWhilePaused = starter.Starts.Count;
        var pausedState = RunJson.Read<SupervisorState>(paths.Supervisor);
        ControlFiles.Resume(paths);
        var result = await DriveAsync(run, clock);

        // Then
        Assert.Equal(0, startsWhilePaused);
        Assert.True(pausedState!.Paused);
        Assert.Equal(RunState.Finished, result.State);
        Assert.Single(starter.Starts);
    }

    [Fact]
    public async Task RunAsync_StopRequestedDuringBackoff_StopsWithoutRestart()
    {
        // Given
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        var clock = new FakeTimeProvider();
        var starter = new ScriptedStarter(clock, 137, 0);
        var run = CreateSut(dir, clock, starter, new SupervisorOptions { BaseDelay = TimeSpan.FromMinutes(1) }).RunAsync(CancellationToken.None);
        await Task.Delay(20);

        // When
        ControlFiles.RequestStop(paths, clock);
        var result = await DriveAsync(run, clock);

        // Then
        Assert.Equal(RunState.Stopped, result.State);
        Assert.Equal(130, result.ExitCode);
        Assert.Single(starter.Starts);
    }

    [Fact]
    public async Task RunAsync_IngestStalls_EndedAndRestartedAsACrash()
    {
        // Given: the first ingest hangs (its progress never moves), the second finishes
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        var clock = new FakeTimeProvider();
        var starter = new HangingFirstStarter(clock, paths);
        var options = new SupervisorOptions { StallTimeout = TimeSpan.FromMinutes(2), BaseDelay = TimeSpan.FromSeconds(1) };

        // When
        var result = await DriveAsync(CreateSut(dir, clock, starter, options), clock);

        // Then
        Assert.Equal(RunState.Finished, result.State);
        Assert.True(starter.FirstKilled);
        Assert.True(starter.Starts[1] - starter.Starts[0] >= TimeSpan.FromMinutes(2));
        var restart = Assert.Single(RunJson.Read<SupervisorState>(paths.Supervisor)!.Restarts);
        Assert.StartsWith("stalled: no progress", restart.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void DelayAfter_DoublesAndCaps()
    {
        var options = new SupervisorOptions { BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(30) };
        Assert.Equal(
            [5, 10, 20, 30, 30],
            Enumerable.Range(1, 5).Select(n => options.DelayAfter(n).TotalSeconds));
        Assert.NotEmpty(new SupervisorOptions { MaxCrashes = 0 }.Validate());
        Assert.Empty(new SupervisorOptions().Validate());
    }

    private static Supervisor CreateSut(TempDirectory dir, FakeTimeProvider clock, IWorkerStarter starter, SupervisorOptions options) =>
        new(new RunPaths(dir.Path), "run-1", options, starter, clock, _ => { });

    private static Task<RunResult> DriveAsync(Supervisor sut, FakeTimeProvider clock) => DriveAsync(sut.RunAsync(CancellationToken.None), clock);

    // Moves the fake clock until the supervisor ends (bounded: a hang fails the test instead of blocking it).
    private static async Task<RunResult> DriveAsync(Task<RunResult> run, FakeTimeProvider clock)
    {
        for (var i = 0; i < 20_000 && !run.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(1);
        }

        Assert.True(run.IsCompleted, "the supervisor did not end");
        return await run;
    }

    private sealed class HangingFirstStarter(FakeTimeProvider clock, RunPaths paths) : IWorkerStarter
    {
        public List<DateTimeOffset> Starts { get; } = [];

        public bool FirstKilled { get; private set; }

        public IWorkerProcess Start(int attempt)
        {
            Starts.Add(clock.GetUtcNow());
            if (attempt > 1)
            {
                return new Hanging(this, 2000, completed: true);
            }

            RunJson.Write(paths.Progress, new ProgressSnapshot { RunId = "run-1", Pid = 1001, Dataset = "bars_1m", UpdatedAt = clock.GetUtcNow(), Requests = 7 });
            return new Hanging(this, 1001, completed: false);
        }

        private sealed class Hanging(HangingFirstStarter owner, int pid, bool completed) : IWorkerProcess
        {
            private readonly TaskCompletionSource<int> _exit = Completed(completed);

            public int Pid => pid;

            public DateTimeOffset? StartedAt => null;

            public Task<int> WaitForExitAsync(CancellationToken cancellationToken) => _exit.Task;

            public void Kill()
            {
                owner.FirstKilled = true;
                _exit.TrySetResult(137);
            }

            public void Dispose()
            {
            }

            private static TaskCompletionSource<int> Completed(bool completed)
            {
                var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (completed)
                {
                    tcs.SetResult(0);
                }

                return tcs;
            }
        }
    }

    private sealed class ScriptedStarter(FakeTimeProvider clock, params int[] exitCodes) : IWorkerStarter
    {
        public List<DateTimeOffset> Starts { get; } = [];

        public IWorkerProcess Start(int attempt)
        {
            Starts.Add(clock.GetUtcNow());
            return new Worker(1000 + attempt, exitCodes[Math.Min(attempt - 1, exitCodes.Length - 1)]);
        }

        private sealed class Worker(int pid, int exitCode) : IWorkerProcess
        {
            public int Pid => pid;

            public DateTimeOffset? StartedAt => null;

            public Task<int> WaitForExitAsync(CancellationToken cancellationToken) => Task.FromResult(exitCode);

            public void Kill()
            {
            }

            public void Dispose()
            {
            }
        }
    }
}
