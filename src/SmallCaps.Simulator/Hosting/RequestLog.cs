using System.Collections.Concurrent;

namespace SmallCaps.Simulator;

/// <summary>Counters of what reached the simulator; tests read them (e.g. to prove the key never went to the foreign host).</summary>
public sealed class RequestLog
{
    private const int Kept = 10_000;
    private readonly ConcurrentQueue<string> _recent = new();
    private long _total;
    private long _unauthorized;
    private long _rateLimited;
    private long _foreign;
    private long _foreignWithKey;

    /// <summary>Requests received on the API listener.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Requests answered 401.</summary>
    public long Unauthorized => Interlocked.Read(ref _unauthorized);

    /// <summary>Requests refused by the per-key rate limit (429, not counting injected 429 faults).</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Requests received on the foreign-host listener.</summary>
    public long ForeignHostRequests => Interlocked.Read(ref _foreign);

    /// <summary>Requests that carried an API key (any key) to the foreign host: must stay 0 for a safe client.</summary>
    public long ForeignHostRequestsWithKey => Interlocked.Read(ref _foreignWithKey);

    /// <summary>The last paths and queries received on the API listener (API key removed), oldest first.</summary>
    public IReadOnlyList<string> Recent => _recent.ToArray();

    /// <summary>Requests on the API listener whose path starts with <paramref name="prefix"/>, among <see cref="Recent"/>.</summary>
    public int CountRecent(string prefix) => _recent.Count(p => p.StartsWith(prefix, StringComparison.Ordinal));

    internal long RecordApi(string pathAndQuery)
    {
        _recent.Enqueue(pathAndQuery);
        while (_recent.Count > Kept && _recent.TryDequeue(out _))
        {
        }

        return Interlocked.Increment(ref _total);
    }

    internal void RecordForeign(bool withKey)
    {
        Interlocked.Increment(ref _foreign);
        if (withKey)
        {
            Interlocked.Increment(ref _foreignWithKey);
        }
    }

    internal void RecordUnauthorized() => Interlocked.Increment(ref _unauthorized);

    internal void RecordRateLimited() => Interlocked.Increment(ref _rateLimited);
}
