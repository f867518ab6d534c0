using System.Globalization;
using System.Runtime.CompilerServices;
using NodaTime;
using SmallCaps.Core.Http;

namespace SmallCaps.Core.Api.Reference;

/// <summary>
/// Reference-data calls (tickers list, ticker details, splits, dividends, ticker events) through the run's
/// shared transport, so they share its rate limit, retries and worker bound. Lists follow <c>next_url</c>
/// page by page, only on the configured host.
/// </summary>
internal sealed class ReferenceClient(MassiveTransport transport)
{
    // A vendor that keeps answering with next_url forever would otherwise page without end.
    private const int MaxPages = 100_000;

    /// <summary>Every page of a tickers list; the yielded list is fresh for each page.</summary>
    public async IAsyncEnumerable<IReadOnlyList<TickerRecord>> ListTickersAsync(TickerListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sink = new TickerSink();
        await foreach (var _ in PagesAsync(query.PathAndQuery(), sink, recheckEmpty: true, cancellationToken))
        {
            yield return sink.Rows.ToArray();
        }
    }

    /// <summary>Details of a ticker as of <paramref name="date"/> (today when null); null when the vendor does not know it (404).</summary>
    public async Task<TickerRecord?> GetTickerDetailsAsync(string ticker, LocalDate? date, CancellationToken cancellationToken)
    {
        var path = "/v3/reference/tickers/" + Uri.EscapeDataString(ticker);
        if (date is { } d)
        {
            path += "?date=" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var sink = new TickerSink();
        try
        {
            await FetchOneAsync(transport.Resolve(path), sink, cancellationToken);
        }
        catch (MassiveApiException ex) when (ex.Kind == MassiveErrorKind.NotFound)
        {
            return null;
        }

        return sink.Rows.Count > 0 ? sink.Rows[0] : null;
    }

    /// <summary>All splits of a ticker, oldest first.</summary>
    public async Task<IReadOnlyList<SplitRecord>> ListSplitsAsync(string ticker, CancellationToken cancellationToken)
    {
        var sink = new SplitSink();
        var all = new List<SplitRecord>();
        await foreach (var _ in PagesAsync($"/v3/reference/splits?ticker={Uri.EscapeDataString(ticker)}&order=asc&limit=1000", sink, recheckEmpty: false, cancellationToken))
        {
            all.AddRange(sink.Rows);
        }

        return all;
    }

    /// <summary>Every ticker's splits executed from <paramref name="from"/> to <paramref name="to"/> (inclusive), oldest first.</summary>
    public async Task<IReadOnlyList<SplitRecord>> ListSplitsExecutedAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        var sink = new SplitSink();
        var all = new List<SplitRecord>();
        var range = string.Create(CultureInfo.InvariantCulture, $"execution_date.gte={from:yyyy-MM-dd}&execution_date.lte={to:yyyy-MM-dd}");
        await foreach (var _ in PagesAsync($"/v3/reference/splits?{range}&order=asc&limit=1000", sink, recheckEmpty: false, cancellationToken))
        {
            all.AddRange(sink.Rows);
        }

        return all;
    }

    /// <summary>All cash dividends of a ticker, oldest first.</summary>
    public async Task<IReadOnlyList<DividendRecord>> ListDividendsAsync(string ticker, CancellationToken cancellationToken)
    {
        var sink = new DividendSink();
        var all = new List<DividendRecord>();
        await foreach (var _ in PagesAsync($"/v3/reference/dividends?ticker={Uri.EscapeDataString(ticker)}&order=asc&limit=1000", sink, recheckEmpty: false, cancellationToken))
        {
            all.AddRange(sink.Rows);
        }

        return all;
    }

    /// <summary>Ticker changes of a security (id = ticker, composite FIGI or CIK); null when unknown (404).</summary>
    public async Task<TickerEvents?> GetTickerEventsAsync(string id, CancellationToken cancellationToken)
    {
        var sink = new TickerEventsSink();
        var url = transport.Resolve($"/vX/reference/tickers/{Uri.EscapeDataString(id)}/events?types=ticker_change");
        try
        {
            // A "results": null glitch would read as a security without history; it is asked once more, as the lists are.
            if (!(await FetchOneAsync(url, sink, cancellationToken)).HasResults)
            {
                await FetchOneAsync(url, sink, cancellationToken);
            }
        }
        catch (MassiveApiException ex) when (ex.Kind == MassiveErrorKind.NotFound)
        {
            return null;
        }

        return sink.Result;
    }

    private async Task<PageEnvelope> FetchOneAsync<TSink>(Uri url, TSink sink, CancellationToken cancellationToken)
        where TSink : IPageRowSink
    {
        var envelope = new PageEnvelope();
        await transport.GetPageAsync(url, body =>
        {
            JsonPageReader.Read(body, envelope, sink);
            return envelope;
        }, cancellationToken);
        return envelope;
    }

    // An empty last page is also what a transient "results": null glitch looks like, and it would end the list silently:
    // it is asked once more (cheap) and a second empty answer believed, as bars do for empty windows. Lists often empty
    // (a ticker's splits or dividends, the splits of a few days) re-ask only an answer whose results are null or missing.
    private async IAsyncEnumerable<PageEnvelope> PagesAsync<TSink>(string pathAndQuery, TSink sink, bool recheckEmpty, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TSink : IPageRowSink
    {
        var url = transport.Resolve(pathAndQuery);
        var seen = new HashSet<string>(StringComparer.Ordinal) { url.OriginalString };
        var counted = new RowCounter<TSink>(sink);
        for (var page = 1; ; page++)
        {
            var envelope = await FetchOneAsync(url, counted, cancellationToken);
            if (counted.Rows == 0 && string.IsNullOrEmpty(envelope.NextUrl) && (recheckEmpty || !envelope.HasResults))
            {
                envelope = await FetchOneAsync(url, counted, cancellationToken);
            }

            yield return envelope;
            if (string.IsNullOrEmpty(envelope.NextUrl))
            {
                yield break;
            }

            var next = NextPageUrl.Resolve(transport, envelope.NextUrl, url);
            if (page >= MaxPages || !seen.Add(next.OriginalString))
            {
                throw new MassiveApiException(MassiveErrorKind.Protocol, $"Paging {UrlRedactor.Redact(transport.Resolve(pathAndQuery))} does not end (next_url repeats or exceeds {MaxPages} pages).", isTransient: false, url: UrlRedactor.Redact(url));
            }

            url = next;
        }
    }
}
