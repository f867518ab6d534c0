using System.Globalization;
using System.Net;
using System.Buffers;
using System.Text.Json;

namespace SmallCaps.Bench.Ticks;

/// <summary>
/// An in-process /v3/quotes endpoint for one huge session: <c>total</c> quotes spread evenly over 04:00-20:00,
/// served 50,000 per page with a cursor next_url. One body buffer is reused (requests are sequential) and written without per-quote strings, so the bench's own garbage stays small.
/// </summary>
internal sealed class SyntheticQuotesHandler(long total, long startNs, long endNs, Uri baseUrl) : HttpMessageHandler
{
    private const int PageSize = 50_000;
    private readonly ArrayBufferWriter<byte> _body = new(16 << 20);

    public int Pages { get; private set; }

    /// <summary>The sip_timestamp of quote <paramref name="i"/>.</summary>
    public long Sip(long i) => startNs + (long)((endNs - startNs) * (i / (double)total));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = request.RequestUri!.Query;
        var cursorAt = query.IndexOf("cursor=", StringComparison.Ordinal);
        var first = cursorAt < 0 ? 0L : long.Parse(query.AsSpan(cursorAt + 7), CultureInfo.InvariantCulture);
        var last = Math.Min(total, first + PageSize);
        _body.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(_body))
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            for (var i = first; i < last; i++)
            {
                var sip = Sip(i);
                var bid = 2.0 + ((i % 37) * 0.01);
                w.WriteStartObject();
                w.WriteNumber("ask_exchange", 11 + (i % 5));
                w.WriteNumber("ask_price", Math.Round(bid + 0.01, 2));
                w.WriteNumber("ask_size", 1 + (i % 20));
                w.WriteNumber("bid_exchange", 12 + (i % 3));
                w.WriteNumber("bid_price", Math.Round(bid, 2));
                w.WriteNumber("bid_size", 1 + (i % 17));
                w.WriteStartArray("conditions");
                w.WriteNumberValue(1);
                w.WriteEndArray();
                w.WriteStartArray("indicators");
                w.WriteNumberValue(i % 4);
                w.WriteEndArray();
                w.WriteNumber("participant_timestamp", sip - 700);
                w.WriteNumber("sequence_number", (2 * i) + 2);
                w.WriteNumber("sip_timestamp", sip);
                w.WriteNumber("tape", 3);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("status", "OK");
            w.WriteString("request_id", "bench");
            if (last < total)
            {
                w.WriteString("next_url", string.Create(CultureInfo.InvariantCulture, $"{baseUrl.GetLeftPart(UriPartial.Authority)}/v3/quotes/SYN?cursor={last}"));
            }

            w.WriteEndObject();
        }

        Pages++;
        var content = new ReadOnlyMemoryContent(_body.WrittenMemory);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }

}
