using System.Globalization;
using System.Net;
using System.Text;

namespace SmallCaps.Bench.Ticks;

/// <summary>
/// An in-process /v3/quotes endpoint for one huge session: <c>total</c> quotes spread evenly over 04:00-20:00,
/// served 50,000 per page with a cursor next_url. One body buffer is reused (requests are sequential).
/// </summary>
internal sealed class SyntheticQuotesHandler(long total, long startNs, long endNs, Uri baseUrl) : HttpMessageHandler
{
    private const int PageSize = 50_000;
    private readonly MemoryStream _body = new(16 << 20);

    public int Pages { get; private set; }

    /// <summary>The sip_timestamp of quote <paramref name="i"/>.</summary>
    public long Sip(long i) => startNs + (long)((endNs - startNs) * (i / (double)total));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = request.RequestUri!.Query;
        var cursorAt = query.IndexOf("cursor=", StringComparison.Ordinal);
        var first = cursorAt < 0 ? 0L : long.Parse(query.AsSpan(cursorAt + 7), CultureInfo.InvariantCulture);
        var last = Math.Min(total, first + PageSize);
        _body.SetLength(0);
        using (var w = new StreamWriter(_body, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            w.Write("{\"results\":[");
            for (var i = first; i < last; i++)
            {
                var sip = Sip(i);
                var bid = 2.0 + ((i % 37) * 0.01);
                w.Write(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{(i > first ? "," : string.Empty)}{{\"ask_exchange\":{11 + (i % 5)},\"ask_price\":{bid + 0.01},\"ask_size\":{1 + (i % 20)},\"bid_exchange\":{12 + (i % 3)},\"bid_price\":{bid},\"bid_size\":{1 + (i % 17)},\"conditions\":[1],\"indicators\":[{i % 4}],\"participant_timestamp\":{sip - 700},\"sequence_number\":{(2 * i) + 2},\"sip_timestamp\":{sip},\"tape\":3}}"));
            }

            w.Write("],\"status\":\"OK\",\"request_id\":\"bench\"");
            if (last < total)
            {
                w.Write(string.Create(CultureInfo.InvariantCulture, $",\"next_url\":\"{baseUrl.GetLeftPart(UriPartial.Authority)}/v3/quotes/SYN?cursor={last}\""));
            }

            w.Write('}');
        }

        Pages++;
        var content = new ReadOnlyMemoryContent(_body.GetBuffer().AsMemory(0, (int)_body.Length));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }
}
