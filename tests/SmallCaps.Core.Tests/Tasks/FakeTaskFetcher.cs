using System.Collections.Concurrent;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Tasks;

namespace SmallCaps.Core.Tests.Tasks;

/// <summary>A task body without HTTP: each ticker's outcome is a scripted function; calls are recorded.</summary>
internal sealed class FakeTaskFetcher : ITaskFetcher<TaskKey, FakeWorker>
{
    private readonly ConcurrentDictionary<string, Func<CancellationToken, Task<CommittedFile?>>> _outcomes = new(StringComparer.Ordinal);
    private int _workersCreated;

    /// <summary>True when a 403 stops the run (ticks); false when it settles the task only (bars).</summary>
    public bool NotEntitledStopsRun { get; init; }

    /// <summary>Tickers whose 403 is already known (settled without a fetch).</summary>
    public HashSet<string> KnownNotEntitledTickers { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Fetched { get; } = new();

    public ConcurrentQueue<string> FailuresLogged { get; } = new();

    public ConcurrentBag<FakeWorker> Workers { get; } = [];

    public int WorkersCreated => Volatile.Read(ref _workersCreated);

    public static TaskKey Key(string ticker) => new("bars_1d", ticker, new NodaTime.LocalDate(2024, 1, 1), new NodaTime.LocalDate(2024, 12, 31));

    public static CommittedFile File(string ticker, long bytes) => new($"bars_1d/ticker={ticker}/part.parquet", 10, bytes, "ab", 1, 2);

    public static MassiveApiException Error(MassiveErrorKind kind, int status, string? vendor = null) =>
        new(kind, $"HTTP {status} for the request", isTransient: false, statusCode: status, vendorMessage: vendor);

    /// <summary>Scripts the outcome of one ticker's fetch.</summary>
    public FakeTaskFetcher On(string ticker, Func<CancellationToken, Task<CommittedFile?>> outcome)
    {
        _outcomes[ticker] = outcome;
        return this;
    }

    public FakeTaskFetcher Publishes(string ticker, long bytes) => On(ticker, _ => Task.FromResult<CommittedFile?>(File(ticker, bytes)));

    public FakeTaskFetcher Throws(string ticker, Exception error) => On(ticker, _ => Task.FromException<CommittedFile?>(error));

    public long Enroll(LedgerTransaction transaction, TaskKey task) => transaction.EnsureTask(task, adjusted: true, "day");

    public string? KnownNotEntitled(TaskKey task) => KnownNotEntitledTickers.Contains(task.Ticker) ? "known 403" : null;

    public FakeWorker CreateWorker()
    {
        Interlocked.Increment(ref _workersCreated);
        var worker = new FakeWorker();
        Workers.Add(worker);
        return worker;
    }

    public async Task<CommittedFile?> FetchAsync(TaskKey task, FakeWorker worker, IngestCounters counters, CancellationToken cancellationToken)
    {
        Assert.True(worker.Enter(), "a worker's state was handed to two tasks at once");
        try
        {
            Fetched.Enqueue(task.Ticker);
            return _outcomes.TryGetValue(task.Ticker, out var outcome) ? await outcome(cancellationToken) : null;
        }
        finally
        {
            worker.Leave();
        }
    }

    public NotEntitledVerdict NotEntitled(TaskKey task, MassiveApiException error) =>
        new($"not entitled: {error.VendorMessage}", NotEntitledStopsRun);

    public string Describe(TaskKey task) => $"{task.Ticker} {task.WindowStart}..{task.WindowEnd}";

    public void LogFailed(TaskKey task, string reason) => FailuresLogged.Enqueue($"{task.Ticker}: {reason}");
}
