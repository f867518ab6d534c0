using NodaTime;
using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Universe;

/// <summary>
/// The tickers snapshot in the lake as two ledger tasks of <c>reference/tickers</c>, one per active flag
/// (<c>part-active</c>, <c>part-delisted</c>): pages are written as they arrive, so memory holds one page; a listing
/// that fails is recorded failed with its reason and asked again, from its first page, by the next run.
/// </summary>
internal sealed class TickerListing(ReferenceClient client, ReferenceSession session)
{
    public async Task<ReferenceDatasetResult> RunAsync(LocalDate snapshotDate, LocalDate? asOf, CancellationToken cancellationToken)
    {
        var dataset = ReferenceLake.LedgerDataset(ReferenceLake.TickersDataset);
        var planned = new List<(bool Active, long Id)>();
        var settled = 0;
        using (var tx = session.Ledger.Begin())
        {
            foreach (var active in new[] { true, false })
            {
                planned.Add((active, tx.EnsureTask(new TaskKey(dataset, Label(active), snapshotDate, snapshotDate), adjusted: false, timespan: ReferenceLake.TaskKind)));
            }

            tx.Commit();
        }

        var tasks = session.Ledger.Tasks(dataset).ToDictionary(t => t.Id);
        var toRun = new List<(bool Active, long Id)>();
        foreach (var p in planned)
        {
            // An active list settled empty (by a version that trusted a glitch) is no answer: ask it again.
            if (ReferenceChunkPlanner.IsSettled(session.Outdir, tasks[p.Id]) && !(p.Active && tasks[p.Id].State == TaskState.Empty))
            {
                settled++;
            }
            else
            {
                toRun.Add(p);
            }
        }

        var result = new ReferenceDatasetResult(ReferenceLake.TickersDataset, planned.Count, settled) { HasMembers = false };
        foreach (var (active, id) in toRun)
        {
            await ListAsync(active, id, snapshotDate, asOf, result, cancellationToken);
        }

        return result;
    }

    private static string Label(bool active) => active ? "part-active" : "part-delisted";

    /// <summary>
    /// Stocks listed before a date are never all gone by it: an empty active list beside a delisted one is a glitch (a
    /// "results": null page), not an answer, so it fails the task (asked again by the next run) instead of settling it
    /// empty for good. Both empty is a date before any listing.
    /// </summary>
    internal static MassiveApiException NoActiveTickers(LocalDate asOf) =>
        new(MassiveErrorKind.Protocol, $"the vendor listed no active tickers as of {asOf:yyyy-MM-dd} (asked twice) but lists delisted ones; an empty list of stocks is not believed", isTransient: false);

    private async Task<bool> AnyDelistedAsync(LocalDate? asOf, CancellationToken token)
    {
        await foreach (var page in client.ListTickersAsync(new TickerListQuery(false, Date: asOf), token))
        {
            return page.Count > 0;
        }

        return false;
    }

    private async Task ListAsync(bool active, long id, LocalDate snapshotDate, LocalDate? asOf, ReferenceDatasetResult result, CancellationToken ct)
    {
        var relative = ReferenceLake.RelativePath(ReferenceLake.TickersDataset, snapshotDate, Label(active));
        long rows = 0;
        var failure = await ReferenceTaskExecution.RunAsync(session, id, relative, async token =>
        {
            using var part = ReferenceTables.Tickers.OpenPart(session.Outdir, relative);
            await foreach (var page in client.ListTickersAsync(new TickerListQuery(active, Date: asOf), token))
            {
                await part.AppendAsync(page, token);
            }

            if (part.Rows == 0)
            {
                return active && await AnyDelistedAsync(asOf, token) ? throw NoActiveTickers(asOf ?? snapshotDate) : null;
            }

            var committed = await part.CommitAsync(token);
            rows = committed.Rows;
            return committed;
        }, ct);
        if (failure is not null)
        {
            result.Finished(TaskState.Failed, 0, 0, 0, $"{Label(active)}: {failure}");
            return;
        }

        result.Finished(rows > 0 ? TaskState.Done : TaskState.Empty, rows, 0, 0);
    }
}
