namespace SmallCaps.Core.Http;

/// <summary>The run's rate gate at one moment, for progress displays and tests.</summary>
/// <param name="CurrentRate">Requests per second allowed right now (lower than the ceiling after 429s).</param>
/// <param name="MaxRate">The configured ceiling.</param>
/// <param name="Tokens">Tokens in the bucket (can be fractional).</param>
/// <param name="Waiting">Requests queued for a token.</param>
/// <param name="PausedFor">Time left of a Retry-After pause; zero when not paused.</param>
/// <param name="Granted">Tokens handed out since the start.</param>
/// <param name="Throttles">429s reported to the gate.</param>
/// <param name="Decreases">Times the rate was cut (several 429s in one burst cut it once).</param>
public readonly record struct RateGateSnapshot(
    double CurrentRate,
    double MaxRate,
    double Tokens,
    int Waiting,
    TimeSpan PausedFor,
    long Granted,
    long Throttles,
    long Decreases);
