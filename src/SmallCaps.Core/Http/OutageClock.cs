namespace SmallCaps.Core.Http;

/// <summary>Measures how long the API has been down: from the first opening of the circuit to its closing.</summary>
internal sealed class OutageClock(TimeProvider time)
{
    private long _since = -1;
    private string? _lastSign;

    /// <summary>Time since the outage began; zero when the circuit is closed.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            var since = Interlocked.Read(ref _since);
            return since < 0 ? TimeSpan.Zero : time.GetElapsedTime(since);
        }
    }

    /// <summary>The failure that last opened the circuit, for the line that ends a run the outage stopped.</summary>
    public string? LastSign => Volatile.Read(ref _lastSign);

    /// <summary>The circuit opened on <paramref name="sign"/>; re-opening after a failed probe keeps the original start.</summary>
    public void Opened(string? sign)
    {
        Volatile.Write(ref _lastSign, sign);
        Interlocked.CompareExchange(ref _since, time.GetTimestamp(), -1);
    }

    /// <summary>The circuit closed: the outage is over.</summary>
    public void Closed() => Interlocked.Exchange(ref _since, -1);
}
