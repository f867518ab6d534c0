namespace SmallCaps.Core.Http;

/// <summary>What went wrong with a request, as the ingest engine must react to it.</summary>
public enum MassiveErrorKind
{
    /// <summary>401: the key was rejected. Ends the run (exit 3).</summary>
    Unauthorized,

    /// <summary>403: the plan does not cover this dataset. Marks the dataset's tasks not-entitled.</summary>
    NotEntitled,

    /// <summary>404: unknown ticker or path. Marks the ticker not-found.</summary>
    NotFound,

    /// <summary>400 or another 4xx the vendor will answer the same way again.</summary>
    BadRequest,

    /// <summary>429 more times than the configured bound.</summary>
    RateLimited,

    /// <summary>5xx.</summary>
    Server,

    /// <summary>Connection refused or reset, DNS, a body cut short, or the circuit stayed open too long.</summary>
    Network,

    /// <summary>No complete response within the request timeout.</summary>
    Timeout,

    /// <summary>The API or the network stayed down (circuit open) longer than BreakerMaxPause, or its TLS certificate is not trusted here: stop the run (exit 1); a re-run resumes.</summary>
    Unavailable,

    /// <summary>A body we cannot use (invalid or truncated JSON, a missing field, too large) or a next_url on a foreign host.</summary>
    Protocol,

    /// <summary>401, 403 or 407 that is not the API's JSON answer (a web filter's HTML page, a proxy asking for credentials): fails the task, a later run asks again.</summary>
    Intercepted,
}
