using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Tasks;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Tasks;

public sealed class TaskRunnerTests
{
    [Fact]
    public async Task RunAsync_EachOutcome_SettlesItsLedgerStateAndCounters()
    {
        // Given: one task per outcome
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        var fetcher = new FakeTaskFetcher()
            .Publishes("DONE", bytes: 1000)
            .On("EMPTY", _ => Task.FromResult<CommittedFile?>(null))
            .Throws("GONE", FakeTaskFetcher.Error(MassiveErrorKind.NotFound, 404, "Ticker not found"))
            .Throws("PLAN", FakeTaskFetcher.Error(MassiveErrorKind.NotEntitled, 403, "upgrade"))
            .Throws("DISK", new IOException("read error"));
        var runner = CreateSut(fetcher, ledger, maxWorkers: 3);

        // When
        var outcome = await runner.RunAsync(Plan("DONE", "EMPTY", "GONE", "PLAN", "DISK"), CancellationToken.None);

        // Then
        var tasks = ledger.Tasks("bars_1d").ToDictionary(t => t.Key.Ticker, StringComparer.Ordinal);
        Assert.Equal(TaskState.Done, tasks["DONE"].State);
        Assert.Equal(1000, tasks["DONE"].Bytes);
        Assert.Equal(TaskState.Empty, tasks["EMPTY"].State);
        Assert.Equal(TaskState.NotFound, tasks["GONE"].State);
        Assert.Equal("Ticker not found", tasks["GONE"].LastError);
        Assert.Equal(TaskState.NotEntitled, tasks["PLAN"].State);
        Assert.Equal("not entitled: upgrade", tasks["PLAN"].LastError);
        Assert.Equal(TaskState.Failed, tasks["DISK"].State);
        Assert.Equal("IOException: read error", tasks["DISK"].LastError);
        Assert.Equal(new[] { "DISK: IOException: read error" }, fetcher.FailuresLogged);
        var final = outcome.Final;
        Assert.Equal((5, 5, 1, 1, 1, 1, 1, 1000L), (final.Planned, final.Finished, final.Done, final.Empty, final.NotFound, final.NotEntitled, final.Failed, final.Bytes));
        Assert.Same(runner.Counters, runner.Counters);
        Assert.Equal(final.Finished, runner.Counters!.Snapshot().Finished);
        Assert.Null(outcome.FatalError);
        Assert.False(outcome.Interrupted);
        Assert.Equal(ExitCodes.SomeFailed, outcome.ExitCode);
    }

    [Fact]
    public async Task RunAsync_ApiErrorFailsTask_ReasonInWordsWithoutTheTypeName()
    {
        // Given: an API error that fails its task (a server error after its retries)
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System);
        var fetcher = new FakeTaskFetcher().Throws("DOWN", new MassiveApiException(MassiveErrorKind.Server, "HTTP 502 server error (http://x/)", isTransient: false, statusCode: 502));
        var runner = CreateSut(fetcher, ledger, maxWorkers: 1);

        // When
        await runner.RunAsync(Plan("DOWN"), CancellationToken.None);

        // Then: the ledger, the log and the summary read as the user's words, not a .NET type
        var task = Assert.Single(ledger.Tasks("bars_1d"));
        Assert.Equal("HTTP 502 server error (http://x/)", task.LastError);
        Assert.Equal(new[] { "DOWN: HTTP 502 server error (http://x/)" }, fetcher.FailuresLogged);
    }

    [Fact]
    public async Task RunAsync_NotFoundWithoutVendorMessage_KeepsTheExceptionMessage()
    {
        // Given
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        var fetcher = new FakeTaskFetcher().Throws("GONE", FakeTaskFetcher.Error(MassiveErrorKind.NotFound, 404));

        // When
        var outcome = await CreateSut(fetcher, ledger).RunAsync(Plan("GONE"), CancellationToken.None);

        // Then
        Assert.Equal("HTTP 404 for the request", Assert.Single(ledger.Tasks("bars_1d")).LastError);
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
    }

    [Fact]
    public async Task RunAsync_KeyRejected_StopsTheRunAndLeavesTheTaskPending()
    {
        // Given: one worker, the first task's key is rejected
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        var fetcher = new FakeTaskFetcher()
            .Throws("AAA", FakeTaskFetcher.Error(MassiveErrorKind.Unauthorized, 401))
            .Publishes("BBB", 10)
            .Publishes("CCC", 10);

        // When
        var outcome = await CreateSut(fetcher, ledger, maxWorkers: 1).RunAsync(Plan("AAA", "BBB", "CCC"), CancellationToken.None);

        // Then
        Assert.Equal("HTTP 401 for the request", outcome.FatalError);
        Assert.False(outcome.Interrupted);
        Assert.Equal(ExitCodes.KeyRejected, outcome.ExitCode);
        Assert.Equal(new[] { "AAA" }, fetcher.Fetched);
        Assert.All(ledger.Tasks("bars_1d"), t => Assert.Equal(TaskState.Pending, t.State));
        Assert.Equal(0, outcome.Final.Finished);
    }

    [Fact]
    public async Task RunAsync_OutageBudgetSpent_StopsWithExitOneAndRecordsTheTasksInFlightFailedWithTheReason()
    {
        // Given: two workers; BBB waits on the API when AAA's request gives up on the outage
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const string Reason = "the API or the network stayed down for over 10 minutes (last: Connection refused); stopped, the same command resumes";
        var fetcher = new FakeTaskFetcher()
            .On("AAA", async _ =>
            {
                await waiting.Task;
                throw new MassiveApiException(MassiveErrorKind.Unavailable, Reason, isTransient: true);
            })
            .On("BBB", async ct =>
            {
                waiting.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return null;
            })
            .Publishes("CCC", 10);

        // When
        var outcome = await CreateSut(fetcher, ledger, maxWorkers: 2).RunAsync(Plan("AAA", "BBB", "CCC"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // Then: a re-run resumes (1, not 3: the key is fine), and neither task is left pending without a word
        Assert.Equal(Reason, outcome.FatalError);
        Assert.Equal(ExitCodes.SomeFailed, outcome.ExitCode);
        Assert.False(outcome.Interrupted);
        Assert.DoesNotContain("CCC", fetcher.Fetched);
        var tasks = ledger.Tasks("bars_1d");
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.Equal((TaskState.Failed, Reason, 1), (t.State, t.LastError, t.Attempts)));
        Assert.Equal(2, outcome.Final.Failed);
    }

    [Fact]
    public async Task RunAsync_DiskFull_StopsTheRunWithExitOneAndLeavesEveryTaskPending()
    {
        // Given: one worker; the first task's file write finds the disk full
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        var fetcher = new FakeTaskFetcher()
            .Throws("AAA", SmallCaps.Core.Tests.Lake.DiskFullTests.NoSpace())
            .Publishes("BBB", 10)
            .Publishes("CCC", 10);

        // When
        var outcome = await CreateSut(fetcher, ledger, maxWorkers: 1).RunAsync(Plan("AAA", "BBB", "CCC"), CancellationToken.None);

        // Then: no task is failed for it (none is at fault), the run says why it stopped, and a re-run resumes
        Assert.StartsWith($"no space left on the disk of {dir.Path}", outcome.FatalError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.SomeFailed, outcome.ExitCode);
        Assert.False(outcome.Interrupted);
        Assert.Equal(new[] { "AAA" }, fetcher.Fetched);
        Assert.Empty(fetcher.FailuresLogged);
        Assert.All(ledger.Tasks("bars_1d"), t => Assert.Equal(TaskState.Pending, t.State));
    }

    [Fact]
    public async Task RunAsync_TransientFailure_AskedAgainAfterTheOthersAndCountedOnce()
    {
        // Given: AAA's first attempt ends in a network error, its second succeeds
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        var calls = 0;
        var fetcher = new FakeTaskFetcher()
            .On("AAA", _ => Interlocked.Increment(ref calls) == 1
                ? Task.FromException<CommittedFile?>(Outage())
                : Task.FromResult<CommittedFile?>(FakeTaskFetcher.File("AAA", 10)))
            .Publishes("BBB", 10);

        // When
        var outcome = await CreateSut(fetcher, ledger, maxWorkers: 1).RunAsync(Plan("AAA", "BBB"), CancellationToken.None);

        // Then
        Assert.Equal(new[] { "AAA", "BBB", "AAA" }, fetcher.Fetched);
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal((2, 2, 0), (outcome.Final.Finished, outcome.Final.Done, outcome.Final.Failed));
        Assert.Null(outcome.FirstFailure);
        Assert.All(ledger.Tasks("bars_1d"), t => Assert.Equal(TaskState.Done, t.State));
    }

    [Fact]
    public async Task RunAsync_TransientFailureThenRunStopped_StaysFailedAndCounted()
    {
        // Given: AAA fails on a network error, then BBB's key is rejected, so no end-of-run attempt happens
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        var fetcher = new FakeTaskFetcher()
            .Throws("AAA", Outage())
            .Throws("BBB", FakeTaskFetcher.Error(MassiveErrorKind.Unauthorized, 401));

        // When
        var outcome = await CreateSut(fetcher, ledger, maxWorkers: 1).RunAsync(Plan("AAA", "BBB"), CancellationToken.None);

        // Then
        Assert.Equal(new[] { "AAA", "BBB" }, fetcher.Fetched);
        Assert.Equal(ExitCodes.KeyRejected, outcome.ExitCode);
        Assert.Equal(1, outcome.Final.Failed);
        Assert.StartsWith("AAA ", outcome.FirstFailure, StringComparison.Ordinal);
        Assert.Equal(TaskState.Failed, ledger.Tasks("bars_1d").Single(t => t.Key.Ticker == "AAA").State);
    }

    [Fact]
    public async Task RunAsync_NotEntitledThatStopsTheRun_SettlesTheTaskAndStops()
    {
        // Given: a dataset whose 403 means the plan lacks it all (ticks)
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        var fetcher = new FakeTaskFetcher { NotEntitledStopsRun = true }
            .Throws("AAA", FakeTaskFetcher.Error(MassiveErrorKind.NotEntitled, 403, "no quotes"))
            .Publishes("BBB", 10);

        // When
        var outcome = await CreateSut(fetcher, ledger, maxWorkers: 1).RunAsync(Plan("AAA", "BBB"), CancellationToken.None);

        // Then
        Assert.Equal("not entitled: no quotes", outcome.FatalError);
        Assert.Equal(ExitCodes.KeyRejected, outcome.ExitCode);
        Assert.Equal(new[] { "AAA" }, fetcher.Fetched);
        var task = Assert.Single(ledger.Tasks("bars_1d"));
        Assert.Equal(TaskState.NotEntitled, task.State);
        Assert.Equal("not entitled: no quotes", task.LastError);
        Assert.Equal(1, outcome.Final.NotEntitled);
    }

    [Fact]
    public async Task RunAsync_NotEntitledThatSettlesTheTask_GoesOn()
    {
        // Given: a dataset whose 403 covers one window only (bars)
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        var fetcher = new FakeTaskFetcher()
            .Throws("AAA", FakeTaskFetcher.Error(MassiveErrorKind.NotEntitled, 403, "too old"))
            .Publishes("BBB", 10);

        // When
        var outcome = await CreateSut(fetcher, ledger, maxWorkers: 1).RunAsync(Plan("AAA", "BBB"), CancellationToken.None);

        // Then
        Assert.Null(outcome.FatalError);
        Assert.Equal((1, 1), (outcome.Final.NotEntitled, outcome.Final.Done));
        Assert.Equal(ExitCodes.KeyRejected, outcome.ExitCode);
    }

    [Fact]
    public async Task RunAsync_KnownNotEntitled_SettlesWithoutFetching()
    {
        // Given
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        var fetcher = new FakeTaskFetcher().Publishes("AAA", 10);
        fetcher.KnownNotEntitledTickers.Add("AAA");

        // When
        var outcome = await CreateSut(fetcher, ledger).RunAsync(Plan("AAA"), CancellationToken.None);

        // Then
        Assert.Empty(fetcher.Fetched);
        var task = Assert.Single(ledger.Tasks("bars_1d"));
        Assert.Equal((TaskState.NotEntitled, "known 403", 0), (task.State, task.LastError, task.Attempts));
        Assert.Equal(1, outcome.Final.NotEntitled);
    }

    [Fact]
    public async Task RunAsync_Cancelled_PutsTheRunningTaskBackToPending()
    {
        // Given: a fetch that waits until the run is cancelled
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        using var cts = new CancellationTokenSource();
        var fetching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fetcher = new FakeTaskFetcher().On("SLOW", async ct =>
        {
            fetching.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });
        var running = CreateSut(fetcher, ledger).RunAsync(Plan("SLOW"), cts.Token);
        await fetching.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // When
        await cts.CancelAsync();
        var outcome = await running.WaitAsync(TimeSpan.FromSeconds(10));

        // Then
        Assert.True(outcome.Interrupted);
        Assert.Null(outcome.FatalError);
        Assert.Equal(ExitCodes.Interrupted, outcome.ExitCode);
        var task = Assert.Single(ledger.Tasks("bars_1d"));
        Assert.Equal((TaskState.Pending, 1), (task.State, task.Attempts));
        Assert.Equal(0, outcome.Final.Finished);
    }

    [Fact]
    public async Task RunAsync_SeveralFailures_KeepsTheFirst()
    {
        // Given: one worker, so the order is the plan's
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        var fetcher = new FakeTaskFetcher()
            .Throws("AAA", new PageFormatException("bad page"))
            .Throws("BBB", new IOException("disk full"));

        // When
        var outcome = await CreateSut(fetcher, ledger, maxWorkers: 1).RunAsync(Plan("AAA", "BBB"), CancellationToken.None);

        // Then
        Assert.Equal(fetcher.Describe(FakeTaskFetcher.Key("AAA")) + ": PageFormatException: bad page", outcome.FirstFailure);
        Assert.Equal(2, outcome.Final.Failed);
        Assert.Equal(ExitCodes.SomeFailed, outcome.ExitCode);
    }

    [Fact]
    public async Task RunAsync_UnexpectedException_Propagates()
    {
        // Given: a bug, not a task failure
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        var fetcher = new FakeTaskFetcher().Throws("AAA", new ArgumentOutOfRangeException("page"));

        // When
        var run = CreateSut(fetcher, ledger).RunAsync(Plan("AAA"), CancellationToken.None);

        // Then
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => run);
    }

    [Fact]
    public async Task RunAsync_ManyTasks_ReusesOneStatePerWorkerAndDisposesItAtTheEnd()
    {
        // Given: two workers, twenty tasks
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        var fetcher = new FakeTaskFetcher();
        var tickers = Enumerable.Range(0, 20).Select(i => $"T{i:00}").ToArray();
        foreach (var ticker in tickers)
        {
            fetcher.On(ticker, async ct =>
            {
                await Task.Yield();
                return FakeTaskFetcher.File(ticker, 1);
            });
        }

        // When
        var outcome = await CreateSut(fetcher, ledger, maxWorkers: 2).RunAsync(Plan(tickers), CancellationToken.None);

        // Then
        Assert.Equal(20, outcome.Final.Done);
        Assert.InRange(fetcher.WorkersCreated, 1, 2);
        Assert.Equal(20, fetcher.Workers.Sum(w => w.Tasks));
        Assert.All(fetcher.Workers, w => Assert.True(w.Disposed));
    }

    private static TaskRunner<TaskKey, FakeWorker> CreateSut(FakeTaskFetcher fetcher, SqliteLedger ledger, int maxWorkers = 2) =>
        new(fetcher, ledger, maxWorkers, new FakeTimeProvider());

    private static MassiveApiException Outage() => new(MassiveErrorKind.Network, "could not reach the API: Connection refused", isTransient: true);

    private static List<TaskKey> Plan(params string[] tickers) => [.. tickers.Select(FakeTaskFetcher.Key)];
}
