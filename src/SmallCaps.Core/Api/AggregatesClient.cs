using SmallCaps.Core.Http;

namespace SmallCaps.Core.Api;

/// <summary>
/// Fetches aggregate bars page by page through the run's transport, following <c>next_url</c> only on the
/// configured host, dropping bars repeated across pages, and handing bars over as they are decoded (in batches of
/// about 8,192, mid-body), so memory holds one small batch per stream.
/// </summary>
internal sealed class AggregatesClient(MassiveTransport transport)
{
    // A page with next_url but no new bar, again and again, means paging is stuck: stop rather than loop.
    private const int MaxPagesWithoutProgress = 10;

    /// <summary>
    /// Streams the bars; <paramref name="onPage"/> receives them in batches as they are decoded, mid-body for long pages
    /// (a reused buffer, valid only during the call). Throws <see cref="MassiveApiException"/> on failures.
    /// </summary>
    /// <param name="query">The ticker, timespan and window.</param>
    /// <param name="onPage">Receives each batch of bars.</param>
    /// <param name="cancellationToken">Stops the fetch.</param>
    /// <param name="buffer">A page to decode into, reused by the caller; null makes one.</param>
    /// <param name="readBuffer">The array responses are read into, reused by the caller; null makes a 64 KiB one.</param>
    public async Task<AggregateResult> FetchAsync(AggregatesQuery query, Func<BarPage, CancellationToken, ValueTask> onPage, CancellationToken cancellationToken, BarPage? buffer = null, byte[]? readBuffer = null)
    {
        var page = buffer ?? new BarPage();
        long pages = 0, bars = 0, duplicates = 0, rechecked = 0;
        long? first = null, lastSeen = null;
        var delayed = false;
        long decodedThisPage = 0, keptThisPage = 0;
        long? pageStart = null, replayedUpTo = null;
        var firstAttempt = 0;
        var replayAttempt = 0;
        BarStreamDecoder? decoder = null;

        // Every batch, mid-body or final, drops bars not after the last one handed on: a page retried after a cut
        // re-reads bars already handed on (not counted as duplicates), and the vendor may repeat a bar across pages.
        async ValueTask DeliverAsync(BarPage batch, CancellationToken ct)
        {
            if (decoder!.Attempts > firstAttempt && decoder.Attempts != replayAttempt)
            {
                // A retry of this page: what earlier attempts handed on (and counted) comes again.
                replayAttempt = decoder.Attempts;
                replayedUpTo = lastSeen != pageStart ? lastSeen : null;
            }

            decodedThisPage += batch.Count;
            var replayed = replayedUpTo is { } upTo ? CountUpTo(batch.Time, upTo) : 0;
            duplicates += batch.DropNotAfter(lastSeen) - replayed;
            if (batch.Count == 0)
            {
                return;
            }

            first ??= batch.Time[0];
            lastSeen = batch.LastTime;
            bars += batch.Count;
            keptThisPage += batch.Count;
            await onPage(batch, ct);
        }

        // One read buffer per stream (the caller's, or 64 KiB) and at most ~DrainRows bars on the page: never a whole 50,000-bar page.
        decoder = readBuffer is null ? new BarStreamDecoder(page) { Drain = DeliverAsync } : new BarStreamDecoder(page, readBuffer) { Drain = DeliverAsync };
        var url = transport.Resolve(query.PathAndQuery());
        var stuck = 0;
        while (true)
        {
            decodedThisPage = 0;
            keptThisPage = 0;
            pageStart = lastSeen;
            replayedUpTo = null;
            firstAttempt = decoder.Attempts + 1;
            await transport.GetStreamedPageAsync(url, decoder, cancellationToken);
            if (decodedThisPage == 0 && page.Count == 0 && string.IsNullOrEmpty(page.Envelope.NextUrl))
            {
                // An empty final answer is also what a transient "results": null glitch looks like, and an empty
                // window is settled for good in the ledger: ask once more (cheap), and believe a second empty answer.
                await transport.GetStreamedPageAsync(url, decoder, cancellationToken);
                rechecked++;
            }

            pages++;
            delayed |= page.Envelope.IsDelayed;
            var next = page.Envelope.NextUrl;
            await DeliverAsync(page, cancellationToken);
            if (string.IsNullOrEmpty(next))
            {
                return new AggregateResult(pages, bars, duplicates, first, lastSeen, delayed, rechecked);
            }

            stuck = keptThisPage > 0 ? 0 : stuck + 1;
            if (stuck >= MaxPagesWithoutProgress)
            {
                throw new MassiveApiException(MassiveErrorKind.Protocol, $"Paging {query.Ticker} made no progress for {MaxPagesWithoutProgress} pages; stopped at {UrlRedactor.Redact(url)}.", isTransient: false, url: UrlRedactor.Redact(url));
            }

            url = NextPageUrl.Resolve(transport, next, url);
        }
    }

    // Bars at or before upTo: those a retried attempt reads again after an earlier attempt had handed them on.
    private static int CountUpTo(ReadOnlySpan<long> times, long upTo)
    {
        var n = 0;
        foreach (var t in times)
        {
            n += t <= upTo ? 1 : 0;
        }

        return n;
    }
}
