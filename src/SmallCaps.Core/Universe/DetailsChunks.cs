using NodaTime;
using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Ticker details through the ledger: requests no file of the date answers yet are asked in chunk tasks of
/// <c>reference/details</c> (a 404 is a row with <c>found</c> false); the answers are then read back from the lake.
/// </summary>
internal sealed class DetailsChunks(ReferenceClient client, ReferenceSession session, ReferenceChunkRunner runner, int chunkSize)
{
    public async Task<(ReferenceDatasetResult Result, Dictionary<DetailsRequest, TickerRecord> Details, int FromLake)> FetchAsync(
        LocalDate snapshotDate, IReadOnlyList<DetailsRequest> requests, CancellationToken cancellationToken)
    {
        var cache = new DetailsCache(ReferenceLake.PartitionDirectory(session.Outdir, ReferenceLake.DetailsDataset, snapshotDate));
        var covered = cache.Load().Keys.Select(ReferenceMember.OfDetails).ToHashSet(StringComparer.Ordinal);
        var members = requests.Select(ReferenceMember.OfDetails).ToList();
        var plan = ReferenceChunkPlanner.Plan(session, ReferenceLake.DetailsDataset, snapshotDate, members, covered, chunkSize);
        var asked = plan.ToRun.SelectMany(c => c.Members).ToHashSet(StringComparer.Ordinal);
        var result = await runner.RunAsync(plan, ReferenceTables.Details, FetchAsync, cancellationToken);
        return (result, DetailsCache.Known(cache.Load().Values), members.Count(m => !asked.Contains(m)));
    }

    private async Task<MemberAnswer<DetailsRow>> FetchAsync(string member, CancellationToken cancellationToken)
    {
        var request = ReferenceMember.ToDetails(member);
        var details = await client.GetTickerDetailsAsync(request.Ticker, request.Date, cancellationToken);
        return new MemberAnswer<DetailsRow>([new DetailsRow(request, details)], details is null);
    }
}
