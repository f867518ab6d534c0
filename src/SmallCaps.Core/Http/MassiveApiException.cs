namespace SmallCaps.Core.Http;

/// <summary>
/// A request to the Massive API failed. Carries what the engine needs to decide (kind, transient or not)
/// and what a user needs to read (status, the vendor's message, request id, the URL with any key redacted).
/// Never carries the API key.
/// </summary>
public sealed class MassiveApiException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> must already be free of secrets.</summary>
    public MassiveApiException(
        MassiveErrorKind kind,
        string message,
        bool isTransient,
        int? statusCode = null,
        string? vendorMessage = null,
        string? requestId = null,
        string? url = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        IsTransient = isTransient;
        StatusCode = statusCode;
        VendorMessage = vendorMessage;
        RequestId = requestId;
        Url = url;
    }

    /// <summary>Creates an exception of kind <see cref="MassiveErrorKind.Protocol"/>.</summary>
    public MassiveApiException()
        : this(MassiveErrorKind.Protocol, "The Massive API request failed.", isTransient: false)
    {
    }

    /// <summary>Creates a non-transient exception of kind <see cref="MassiveErrorKind.Protocol"/>.</summary>
    public MassiveApiException(string message)
        : this(MassiveErrorKind.Protocol, message, isTransient: false)
    {
    }

    /// <summary>Creates a non-transient exception of kind <see cref="MassiveErrorKind.Protocol"/>.</summary>
    public MassiveApiException(string message, Exception innerException)
        : this(MassiveErrorKind.Protocol, message, isTransient: false, innerException: innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public MassiveErrorKind Kind { get; }

    /// <summary>True when the same request may succeed later (5xx, 429, timeouts, resets, truncated bodies).</summary>
    public bool IsTransient { get; }

    /// <summary>True when the whole run must stop: the key was rejected (exit 3), or the API stayed unreachable past the outage budget (exit 1, a later run resumes).</summary>
    public bool IsRunFatal => Kind is MassiveErrorKind.Unauthorized or MassiveErrorKind.Unavailable;

    /// <summary>The HTTP status, when a response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>The vendor's <c>error</c> or <c>message</c> text, when the body had one.</summary>
    public string? VendorMessage { get; }

    /// <summary>The vendor's request id (body <c>request_id</c> or <c>X-Request-ID</c>), for support tickets.</summary>
    public string? RequestId { get; }

    /// <summary>The request URL with any <c>apiKey=</c> value redacted.</summary>
    public string? Url { get; }
}
