using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Tasks;

/// <summary>
/// A dataset's half of a run: how its tasks are named in the ledger and how one task is fetched and
/// written to its part file. <see cref="TaskRunner{TTask, TWorker}"/> does the rest (workers, ledger
/// states, stopping, counters), the same for every dataset.
/// </summary>
/// <typeparam name="TTask">One planned unit of work.</typeparam>
/// <typeparam name="TWorker">State a worker reuses from task to task (page and column buffers).</typeparam>
internal interface ITaskFetcher<in TTask, TWorker>
    where TWorker : class
{
    /// <summary>Finds or adds the task's ledger row (with the dataset's fingerprint) and returns its id.</summary>
    long Enroll(LedgerTransaction transaction, TTask task);

    /// <summary>The reason to settle the task as not-entitled without asking the vendor, or null to fetch it.</summary>
    string? KnownNotEntitled(TTask task);

    /// <summary>New state for a worker that found none to reuse.</summary>
    TWorker CreateWorker();

    /// <summary>Fetches the task into its part file and publishes it; null when the vendor had nothing (no file is left).</summary>
    Task<CommittedFile?> FetchAsync(TTask task, TWorker worker, IngestCounters counters, CancellationToken cancellationToken);

    /// <summary>How a 403 on the task settles: the reason the ledger keeps, and whether the whole run stops.</summary>
    NotEntitledVerdict NotEntitled(TTask task, MassiveApiException error);

    /// <summary>The task in the run's first-failure line, e.g. <c>AAPL 2024-01-02</c>.</summary>
    string Describe(TTask task);

    /// <summary>Logs that the task failed (the runner settles it).</summary>
    void LogFailed(TTask task, string reason);
}
