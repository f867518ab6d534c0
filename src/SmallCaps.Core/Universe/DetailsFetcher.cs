using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Asks ticker details for every request through the shared transport (its worker bound and rate limit apply), in
/// memory: the path without <c>--outdir</c>. With an outdir, <see cref="DetailsChunks"/> keeps them in the lake.
/// </summary>
internal sealed class DetailsFetcher(ReferenceClient client, int parallelism)
{
    public async Task<Dictionary<DetailsRequest, TickerRecord>> FetchAsync(IReadOnlyList<DetailsRequest> requests, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var rows = new DetailsRow[requests.Count];
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), options, async (i, ct) =>
        {
            rows[i] = new DetailsRow(requests[i], await client.GetTickerDetailsAsync(requests[i].Ticker, requests[i].Date, ct));
            progress?.Invoke(Interlocked.Increment(ref done), requests.Count);
        });
        return DetailsCache.Known(rows);
    }
}
