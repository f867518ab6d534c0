using SmallCaps.Core.Http;

namespace SmallCaps.Core.Ticks;

/// <summary>
/// Pages through one window of trades or quotes via the run's transport, following <c>next_url</c> only on the
/// configured host. Each page is handed over before the next is fetched (memory: one page per stream). A page
/// whose <c>results</c> is null or missing is asked again (a glitch looks exactly like that); an empty array is believed.
/// </summary>
internal sealed class TicksClient(MassiveTransport transport) : ITickSource
{
    // A glitch is rare; three more answers without a results array are believed.
    private const int MaxRechecks = 3;

    private const int MaxPages = 1_000_000;

    public async Task<TicksResult> FetchAsync(TicksQuery query, TickPage page, Func<TickPage, CancellationToken, ValueTask> onPage, CancellationToken cancellationToken)
    {
        var url = transport.Resolve(query.PathAndQuery());
        long pages = 0, rows = 0, rechecked = 0;
        var delayed = false;
        while (true)
        {
            await transport.GetPageAsync(url, body => TickPageDecoder.Decode(body, page), cancellationToken);
            pages++;
            for (var again = 0; again < MaxRechecks && !page.HadResultsArray; again++)
            {
                await transport.GetPageAsync(url, body => TickPageDecoder.Decode(body, page), cancellationToken);
                pages++;
                rechecked++;
            }

            delayed |= page.Envelope.IsDelayed;
            var next = page.Envelope.NextUrl;
            if (page.Count > 0)
            {
                rows += page.Count;
                await onPage(page, cancellationToken);
            }

            if (string.IsNullOrEmpty(next))
            {
                return new TicksResult(pages, rows, rechecked, delayed);
            }

            if (pages > MaxPages)
            {
                throw new MassiveApiException(MassiveErrorKind.Protocol, $"Paging {query.Ticker} went past {MaxPages} pages; stopped.", isTransient: false);
            }

            url = NextUrl(next, url);
        }
    }

    private Uri NextUrl(string next, Uri current) => NextPageUrl.Resolve(transport, next, current);
}
