namespace SmallCaps.Core.Http;

/// <summary>One request's failed attempts across pauses: its retry budget holds even when the circuit keeps restarting it.</summary>
internal sealed class RequestAttempts
{
    private int _outageSigns;

    /// <summary>Attempts that failed as an outage would (5xx, network, timeout).</summary>
    public int OutageSigns => Volatile.Read(ref _outageSigns);

    /// <summary>The latest failure that looked like an outage.</summary>
    public MassiveApiException? Last { get; private set; }

    /// <summary>Records a failed attempt and returns it, to be thrown.</summary>
    public MassiveApiException Failed(MassiveApiException ex)
    {
        if (TransportResilience.IsOutageSign(ex))
        {
            Interlocked.Increment(ref _outageSigns);
            Last = ex;
        }

        return ex;
    }
}
