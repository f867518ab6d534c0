namespace SmallCaps.Simulator.Faults;

/// <summary>What the simulator can do wrong to a request.</summary>
public enum FaultKind
{
    /// <summary>429 with a <c>Retry-After: 1</c> header (CLI name <c>429</c>).</summary>
    TooManyRequests,

    /// <summary>429 without Retry-After (<c>429-no-retry-after</c>).</summary>
    TooManyRequestsNoRetryAfter,

    /// <summary>500 with a JSON error body (<c>500</c>).</summary>
    InternalServerError,

    /// <summary>502 with an HTML body, as a load balancer sends it (<c>502</c>).</summary>
    BadGateway,

    /// <summary>503 with a JSON error body (<c>503</c>).</summary>
    ServiceUnavailable,

    /// <summary>The normal response after a delay (<c>slow</c>; see <see cref="SimulatorOptions.SlowDelay"/>).</summary>
    Slow,

    /// <summary>Headers and part of the body, then the connection is aborted (<c>reset</c>).</summary>
    ConnectionReset,

    /// <summary>A 200 whose JSON body ends early but cleanly (<c>truncate</c>).</summary>
    TruncatedJson,

    /// <summary><c>"results": null</c> in a list response (<c>null-results</c>).</summary>
    NullResults,

    /// <summary><c>"status": "DELAYED"</c> with normal data (<c>delayed</c>).</summary>
    Delayed,

    /// <summary>The next_url names the foreign host (<c>foreign-next-url</c>).</summary>
    ForeignNextUrl,

    /// <summary>The next aggregates page starts at the last bar of this one, repeating it (<c>repeat-bar</c>).</summary>
    RepeatedBar,
}
