using System.Runtime.CompilerServices;
using SmallCaps.Core.Http;

namespace SmallCaps.Core.Api;

/// <summary>
/// Fetches aggregate bars page by page through the run's transport, following <c>next_url</c> only on the
/// configured host, dropping bars repeated across pages, and handing each page over before fetching the next,
/// so memory holds one page per stream.
/// </summary>
internal sealed class AggregatesClient(MassiveTransport transport)
{
    // A page with next_url but no new bar, again and again, means paging is stuck: stop rather than loop.
    private const int MaxPagesWithoutProgress = 10;

    /// <summary>
    /// Streams the bars; <paramref name="onPage"/> receives each non-empty page (a reused buffer, valid only
    /// during the call). Throws <see cref="MassiveApiException"/> on failures.
    /// </summary>
    public async Task<AggregateResult> FetchAsync(AggregatesQuery query, Func<BarPage, CancellationToken, ValueTask> onPage, CancellationToken cancellationToken, BarPage? buffer = null)
    {
        long pages = 0, bars = 0, duplicates = 0, rechecked = 0;
        long? first = null, last = null;
        var delayed = false;
        await foreach (var page in PagesAsync(query, buffer ?? new BarPage(), cancellationToken))
        {
            pages++;
            duplicates += page.DuplicatesDropped;
            rechecked += page.EmptyPageRechecked ? 1 : 0;
            delayed |= page.Envelope.IsDelayed;
            if (page.Count == 0)
            {
                continue;
            }

            first ??= page.Time[0];
            last = page.LastTime;
            bars += page.Count;
            await onPage(page, cancellationToken);
        }

        return new AggregateResult(pages, bars, duplicates, first, last, delayed, rechecked);
    }

    /// <summary>The same stream as an async sequence of the one reused <see cref="BarPage"/> (empty pages skipped).</summary>
    public async IAsyncEnumerable<BarPage> StreamBarsAsync(AggregatesQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in PagesAsync(query, new BarPage(), cancellationToken))
        {
            if (page.Count > 0)
            {
                yield return page;
            }
        }
    }

    private async IAsyncEnumerable<BarPage> PagesAsync(AggregatesQuery query, BarPage page, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var url = transport.Resolve(query.PathAndQuery());
        long? lastSeen = null;
        var stuck = 0;

        // One 64 KiB read buffer per stream: pages are decoded as they arrive, never held whole.
        var decoder = new BarStreamDecoder(page);
        while (true)
        {
            await transport.GetStreamedPageAsync(url, decoder, cancellationToken);
            if (page.Count == 0 && string.IsNullOrEmpty(page.Envelope.NextUrl))
            {
                // An empty final answer is also what a transient "results": null glitch looks like, and an empty
                // window is settled for good in the ledger: ask once more (cheap), and believe a second empty answer.
                await transport.GetStreamedPageAsync(url, decoder, cancellationToken);
                page.EmptyPageRechecked = true;
            }

            page.DropNotAfter(lastSeen);
            if (page.Count > 0)
            {
                lastSeen = page.LastTime;
            }

            var next = page.Envelope.NextUrl;
            var progressed = page.Count > 0;
            yield return page;
            if (string.IsNullOrEmpty(next))
            {
                yield break;
            }

            stuck = progressed ? 0 : stuck + 1;
            if (stuck >= MaxPagesWithoutProgress)
            {
                throw new MassiveApiException(MassiveErrorKind.Protocol, $"Paging {query.Ticker} made no progress for {MaxPagesWithoutProgress} pages; stopped at {UrlRedactor.Redact(url)}.", isTransient: false, url: UrlRedactor.Redact(url));
            }

            url = NextPageUrl.Resolve(transport, next, url);
        }
    }
}
