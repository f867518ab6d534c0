using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SmallCaps.Simulator.Endpoints;
using SmallCaps.Simulator.Faults;
using SmallCaps.Simulator.Json;
using SmallCaps.Simulator.Market;
using SmallCaps.Simulator.Paging;

namespace SmallCaps.Simulator.Hosting;

/// <summary>
/// The request pipeline: log → foreign-host check → key (401) → rate limit (429) → injected fault → endpoint →
/// body faults (reset, truncation). Bodies are built in a pooled buffer, then written in one go.
/// </summary>
internal sealed class SimulatorApp(SimulatorOptions options, MarketData market, RequestLog requests, FaultLog faults)
{
    // Relaxed escaping: messages keep their apostrophes like the vendor's bodies (no HTML context here).
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly FaultInjector _injector = new(options, faults);
    private readonly KeyRateLimiter _limiter = new(options.RateLimitPerSecond, options.RateLimitBurst > 0 ? options.RateLimitBurst : (int)Math.Ceiling(options.RateLimitPerSecond), options.TimeProvider);

    public int ApiPort { get; set; }

    public int ForeignPort { get; set; }

    public string ApiBase => $"http://{options.Host}:{ApiPort}";

    public string ForeignBase => $"http://{options.Host}:{ForeignPort}";

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var key = KeyOf(request);
        var foreign = http.Connection.LocalPort == ForeignPort && ForeignPort != ApiPort;
        var path = request.Path.Value ?? "/";
        long number;
        if (foreign)
        {
            // The foreign host serves data without a key so a careful client can follow it; it only counts leaks.
            requests.RecordForeign(key is not null);
            number = requests.Total;
        }
        else
        {
            number = requests.RecordApi(path + StripKey(request.QueryString.Value));
        }

        var requestId = Market.Mix.Hash((ulong)options.Seed, 0x1D, (ulong)number).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)
            + Market.Mix.Hash((ulong)options.Seed, 0x1E, (ulong)number).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers["X-Request-Id"] = requestId;
        if (!foreign)
        {
            if (key is null || key != options.ApiKey)
            {
                requests.RecordUnauthorized();
                await SendErrorAsync(http, 401, "ERROR", requestId, "error", key is null ? "API Key was not provided" : "Unknown API Key");
                return;
            }

            if (!_limiter.TryAcquire(key))
            {
                requests.RecordRateLimited();
                http.Response.Headers.RetryAfter = "1";
                await SendErrorAsync(http, 429, "ERROR", requestId, "error", "You've exceeded the maximum requests per minute, please wait or upgrade your subscription to continue. https://massive.com/pricing");
                return;
            }
        }

        var fault = foreign ? null : _injector.Decide(path, number);
        switch (fault)
        {
            case FaultKind.TooManyRequests:
                http.Response.Headers.RetryAfter = "1";
                await SendErrorAsync(http, 429, "ERROR", requestId, "error", "You've exceeded the maximum requests per minute, please wait or upgrade your subscription to continue. https://massive.com/pricing");
                return;
            case FaultKind.TooManyRequestsNoRetryAfter:
                await SendErrorAsync(http, 429, "ERROR", requestId, "error", "You've exceeded the maximum requests per minute, please wait or upgrade your subscription to continue. https://massive.com/pricing");
                return;
            case FaultKind.InternalServerError:
                await SendErrorAsync(http, 500, "ERROR", requestId, "error", "Internal server error");
                return;
            case FaultKind.ServiceUnavailable:
                await SendErrorAsync(http, 503, "ERROR", requestId, "error", "Service temporarily unavailable");
                return;
            case FaultKind.BadGateway:
                http.Response.StatusCode = 502;
                http.Response.ContentType = "text/html";
                await http.Response.WriteAsync("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n", http.RequestAborted);
                return;
            case FaultKind.Slow:
                await Task.Delay(options.SlowDelay, options.TimeProvider, http.RequestAborted);
                break;
        }

        using var buffer = new PooledBuffer();
        int status;
        await using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            status = Dispatch(http, path, json, buffer, requestId, fault, foreign);
        }

        await SendAsync(http, status, buffer.Written, fault);
    }

    private int Dispatch(HttpContext http, string path, Utf8JsonWriter json, PooledBuffer output, string requestId, FaultKind? fault, bool foreign)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var endpoint = Router.Route(segments);
        if (endpoint is null)
        {
            WriteError(json, "NOT_FOUND", requestId, "message", "The requested path was not found.");
            return 404;
        }

        try
        {
            var query = QueryState.From(http.Request.Query.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value.ToString())));
            var ctx = new RequestContext
            {
                Segments = segments,
                Query = query,
                Json = json,
                Output = output,
                RequestId = requestId,
                Market = market,
                Options = options,
                Fault = fault,
                NextUrlBase = fault == FaultKind.ForeignNextUrl || foreign ? ForeignBase : ApiBase,
            };
            endpoint(ctx);
            return ctx.StatusCode;
        }
        catch (BadRequestException e)
        {
            json.Reset();
            WriteError(json, "ERROR", requestId, "error", e.Message);
            return 400;
        }
    }

    private static async Task SendAsync(HttpContext http, int status, ReadOnlyMemory<byte> body, FaultKind? fault)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        if (status == 200 && fault == FaultKind.ConnectionReset)
        {
            // Promise the whole body, send part of it, then drop the connection.
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body[..(body.Length / 2)], http.RequestAborted);
            await response.Body.FlushAsync(http.RequestAborted);
            http.Abort();
            return;
        }

        if (status == 200 && fault == FaultKind.TruncatedJson)
        {
            // Chunked and cleanly terminated, but the JSON stops in the middle.
            await response.Body.WriteAsync(body[..(body.Length * 2 / 3)], http.RequestAborted);
            return;
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, http.RequestAborted);
    }

    private static async Task SendErrorAsync(HttpContext http, int status, string statusText, string requestId, string field, string message)
    {
        using var buffer = new PooledBuffer();
        await using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteError(json, statusText, requestId, field, message);
        }

        await SendAsync(http, status, buffer.Written, null);
    }

    private static void WriteError(Utf8JsonWriter json, string status, string requestId, string field, string message)
    {
        json.WriteStartObject();
        json.WriteString("status", status);
        json.WriteString("request_id", requestId);
        json.WriteString(field, message);
        json.WriteEndObject();
    }

    private static string? KeyOf(HttpRequest request)
    {
        if (request.Query.TryGetValue("apiKey", out var q) && q.Count > 0 && !string.IsNullOrEmpty(q[0]))
        {
            return q[^1];
        }

        var auth = request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : null;
    }

    private static string StripKey(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return "";
        }

        var parts = query.TrimStart('?').Split('&').Where(p => !p.StartsWith("apiKey=", StringComparison.Ordinal)).ToArray();
        return parts.Length == 0 ? "" : "?" + string.Join('&', parts);
    }
}
