namespace SmallCaps.Core.Http;

/// <summary>Thread-safe counters behind <see cref="TransportMetrics"/>.</summary>
internal sealed class TransportCounters
{
    private long _requests;
    private long _pages;
    private long _bytes;
    private long _rateLimited;
    private long _retries;
    private long _failures;
    private long _circuitOpenings;
    private int _inFlight;

    public long Requests => Interlocked.Read(ref _requests);

    public long Pages => Interlocked.Read(ref _pages);

    public long Bytes => Interlocked.Read(ref _bytes);

    public long RateLimited => Interlocked.Read(ref _rateLimited);

    public long Retries => Interlocked.Read(ref _retries);

    public long Failures => Interlocked.Read(ref _failures);

    public long CircuitOpenings => Interlocked.Read(ref _circuitOpenings);

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Request() => Interlocked.Increment(ref _requests);

    public void Page(long bytes)
    {
        Interlocked.Increment(ref _pages);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void Received(long bytes) => Interlocked.Add(ref _bytes, bytes);

    public void RateLimit() => Interlocked.Increment(ref _rateLimited);

    public void Retry() => Interlocked.Increment(ref _retries);

    public void Failure() => Interlocked.Increment(ref _failures);

    public void CircuitOpened() => Interlocked.Increment(ref _circuitOpenings);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);
}
