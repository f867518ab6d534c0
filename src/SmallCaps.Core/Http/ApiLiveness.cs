namespace SmallCaps.Core.Http;

/// <summary>
/// Tells a real outage from requests that fail on their own (one ticker's 500s): while the circuit is open, a cheap
/// request to another endpoint asks whether the API answers at all. One check at a time; its answer is kept for a while.
/// </summary>
/// <param name="check">Sends the check (bounded by its own timeout); true when any HTTP answer below 500 came back.</param>
/// <param name="time">The run's clock.</param>
/// <param name="keep">How long an answer is reused.</param>
internal sealed class ApiLiveness(Func<Task<bool>> check, TimeProvider time, TimeSpan keep)
{
    /// <summary>The endpoint asked: small, on every plan, and independent of any ticker.</summary>
    public const string Path = "/v1/marketstatus/now";

    private readonly Lock _gate = new();
    private Task<bool>? _latest;
    private long _startedAt;

    /// <summary>True when the API answered the latest check (made now when the kept answer is too old).</summary>
    public Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Shared by every waiting request, so it must not die with the one that started it.
            if (_latest is null || (_latest.IsCompleted && time.GetElapsedTime(_startedAt) >= keep))
            {
                _startedAt = time.GetTimestamp();
                _latest = check();
            }

            return _latest.WaitAsync(cancellationToken);
        }
    }
}
