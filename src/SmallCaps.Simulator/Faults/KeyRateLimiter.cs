using System.Collections.Concurrent;

namespace SmallCaps.Simulator.Faults;

/// <summary>A token bucket per API key (N requests/second, burst B) on an injected clock; empty bucket → 429.</summary>
internal sealed class KeyRateLimiter(double perSecond, int burst, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public bool TryAcquire(string key)
    {
        if (perSecond <= 0)
        {
            return true;
        }

        var bucket = _buckets.GetOrAdd(key, _ => new Bucket { Tokens = Math.Max(1, burst), Stamp = time.GetTimestamp() });
        lock (bucket)
        {
            var now = time.GetTimestamp();
            var elapsed = time.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
            bucket.Stamp = now;
            bucket.Tokens = Math.Min(Math.Max(1, burst), bucket.Tokens + (elapsed * perSecond));
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return true;
            }

            return false;
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public long Stamp { get; set; }
    }
}
