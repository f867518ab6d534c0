using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Asks ticker details for every request through the shared transport (its worker bound and rate limit apply),
/// skipping what the cache already holds and saving answers in chunks so an interrupted run resumes.
/// </summary>
internal sealed class DetailsFetcher(ReferenceClient client, int parallelism, DetailsCache? cache, int chunkSize = 500)
{
    public int Fetched { get; private set; }

    public int FromCache { get; private set; }

    public async Task<Dictionary<DetailsRequest, TickerRecord>> FetchAsync(IReadOnlyList<DetailsRequest> requests, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var known = cache?.Load() ?? [];
        var pending = requests.Where(r => !known.ContainsKey(r)).ToList();
        FromCache = requests.Count - pending.Count;
        var gate = new object();
        var unsaved = new List<DetailsRow>();
        var done = 0;
        try
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken }, async (request, ct) =>
            {
                var details = await client.GetTickerDetailsAsync(request.Ticker, request.Date, ct);
                var row = new DetailsRow(request, details);
                List<DetailsRow>? chunk = null;
                int doneNow;
                lock (gate)
                {
                    known[request] = row;
                    unsaved.Add(row);
                    doneNow = ++done;
                    if (unsaved.Count >= chunkSize)
                    {
                        chunk = [.. unsaved];
                        unsaved.Clear();
                    }
                }

                progress?.Invoke(doneNow, pending.Count);
                if (chunk is not null && cache is not null)
                {
                    await cache.WriteChunkAsync(chunk, ct);
                }
            });
        }
        finally
        {
            // Whatever arrived before a failure or Ctrl+C is kept for the next run.
            if (cache is not null && unsaved.Count > 0)
            {
                await cache.WriteChunkAsync(unsaved, CancellationToken.None);
            }

            Fetched = done;
        }

        var result = new Dictionary<DetailsRequest, TickerRecord>();
        foreach (var (request, row) in known)
        {
            if (row.Details is { } d)
            {
                d.MarketCapDate ??= ReferenceDates.Format(request.Date);
                result[request] = d;
            }
        }

        return result;
    }
}
