using System.Buffers;
using System.Globalization;
using SmallCaps.Core.Api;

namespace SmallCaps.Core.Http;

/// <summary>Maps a non-success HTTP answer to a <see cref="MassiveApiException"/> with the vendor's own words.</summary>
internal static class ErrorResponses
{
    /// <summary>Builds the exception for <paramref name="status"/>; <paramref name="body"/> may be empty or not JSON; <paramref name="via"/> names the proxy in use, said when the answer was not the API's.</summary>
    public static MassiveApiException Create(int status, ReadOnlySequence<byte> body, string? headerRequestId, Uri url, ApiKey key, string? via = null)
    {
        var envelope = new PageEnvelope();
        var isJson = true;
        try
        {
            JsonPageReader.Read(body, envelope, NoRows.Instance);
        }
        catch (PageFormatException)
        {
            // Proxies answer with HTML or nothing: keep what the status line says.
            isJson = false;
        }

        var vendorMessage = envelope.VendorMessage is { } m ? UrlRedactor.Redact(m, key) : null;
        var requestId = envelope.RequestId ?? headerRequestId;
        var fromApi = isJson && (envelope.Status is not null || envelope.VendorMessage is not null);
        var (kind, transient, what) = status == 407 || (!fromApi && status is 401 or 403) ? NotFromApi(status, body) : Classify(status);
        var redactedUrl = UrlRedactor.Redact(url.OriginalString, key);
        var message = $"HTTP {status.ToString(CultureInfo.InvariantCulture)} {what}"
            + (vendorMessage is null ? string.Empty : $": {vendorMessage}")
            + $" ({redactedUrl}"
            + (fromApi || via is null ? string.Empty : $", {via}")
            + (requestId is null ? ")" : $", request_id {requestId})");
        return new MassiveApiException(kind, message, transient, status, vendorMessage, requestId, redactedUrl);
    }

    /// <summary>The kind and retryability of a status code.</summary>
    public static (MassiveErrorKind Kind, bool IsTransient, string What) Classify(int status) => status switch
    {
        401 => (MassiveErrorKind.Unauthorized, false, "the API key was rejected"),
        403 => (MassiveErrorKind.NotEntitled, false, "the plan is not entitled to this data"),
        404 => (MassiveErrorKind.NotFound, false, "not found"),
        408 => (MassiveErrorKind.Timeout, true, "request timeout"),
        429 => (MassiveErrorKind.RateLimited, true, "too many requests"),
        >= 500 => (MassiveErrorKind.Server, true, "server error"),
        >= 300 and < 400 => (MassiveErrorKind.Protocol, false, "unexpected redirect (not followed)"),
        _ => (MassiveErrorKind.BadRequest, false, "request rejected"),
    };

    // A key or plan verdict comes in the vendor's envelope; anything else was said by a proxy or filter on the way, and a later run must ask again.
    private static (MassiveErrorKind Kind, bool IsTransient, string What) NotFromApi(int status, ReadOnlySequence<byte> body) => status == 407
        ? (MassiveErrorKind.Intercepted, false, "proxy authentication required: the proxy between you and the API wants a user and password (http://user:password@host:port in HTTPS_PROXY or HTTP_PROXY)")
        : (MassiveErrorKind.Intercepted, false, $"with {Shape(body)}, not the API's answer: a proxy or web filter between you and the API?");

    private static string Shape(ReadOnlySequence<byte> body)
    {
        var reader = new SequenceReader<byte>(body);
        reader.AdvancePastAny((byte)' ', (byte)'\t', (byte)'\r', (byte)'\n');
        if (reader.End)
        {
            return "an empty body";
        }

        return reader.TryPeek(out var first) && first == (byte)'<' ? "an HTML page" : "a body that is not the API's JSON";
    }

    private sealed class NoRows : IPageRowSink
    {
        public static readonly NoRows Instance = new();

        public void Reset()
        {
        }

        public void ReadRow(ref System.Text.Json.Utf8JsonReader reader) => reader.Skip();
    }
}
