namespace SmallCaps.Core.Http;

/// <summary>Run-wide transport figures at one moment, for the progress display and the run summary.</summary>
/// <param name="Requests">Attempts sent (retries included).</param>
/// <param name="Pages">Pages decoded successfully.</param>
/// <param name="BytesReceived">Response body bytes after decompression.</param>
/// <param name="RateLimited">429 answers.</param>
/// <param name="Retries">Attempts repeated after a transient failure or a 429.</param>
/// <param name="Failures">Requests that ended in an error after any retries; a 404 or 403, which settles its task as not-found or not-entitled, is not one.</param>
/// <param name="CircuitOpenings">Times the circuit breaker opened.</param>
/// <param name="CircuitOpen">True while the breaker holds the run.</param>
/// <param name="InFlight">Requests holding a worker slot now.</param>
/// <param name="Rate">The rate gate: current rate, ceiling, pause, queue.</param>
public sealed record TransportMetrics(
    long Requests,
    long Pages,
    long BytesReceived,
    long RateLimited,
    long Retries,
    long Failures,
    long CircuitOpenings,
    bool CircuitOpen,
    int InFlight,
    RateGateSnapshot Rate);
