namespace SmallCaps.Core.Http;

/// <summary>
/// The one token bucket of a run. Waiters are served first come, first served by a single timer on the
/// injected <see cref="TimeProvider"/>. A 429 halves the rate (not below a floor) and pauses everyone for
/// Retry-After; after a quiet period without 429s the rate climbs back by fixed steps to the ceiling (AIMD).
/// </summary>
internal sealed class RateGate : IDisposable
{
    // Several in-flight requests see the same 429 burst: cut the rate once per second, not once per answer.
    private static readonly TimeSpan DecreaseCooldown = TimeSpan.FromSeconds(1);
    private const double TokenEpsilon = 1e-9;

    private readonly object _lock = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly double _maxRate;
    private readonly double _floorRate;
    private readonly double _recoveryStep;
    private readonly TimeSpan _quietPeriod;
    private readonly TimeSpan _defaultPause;
    private readonly TimeSpan _maxPause;
    private readonly int _burst;

    private double _tokens;
    private long _lastRefill;
    private long _pausedUntil;
    private double _rateAfterCut;
    private long? _lastCutAt;
    private long _recoverFrom;
    private long _granted;
    private long _throttles;
    private long _decreases;
    private bool _disposed;

    /// <summary>Creates a gate that starts full (a burst may go at once) at the ceiling rate.</summary>
    public RateGate(double maxRate, int burst, double floorRate, TimeSpan quietPeriod, double recoveryStep, TimeSpan defaultPause, TimeSpan maxPause, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(floorRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(recoveryStep);
        _maxRate = maxRate;
        _floorRate = Math.Min(floorRate, maxRate);
        _burst = burst;
        _quietPeriod = quietPeriod;
        _recoveryStep = recoveryStep;
        _defaultPause = defaultPause;
        _maxPause = maxPause;
        _time = time;
        _tokens = burst;
        _lastRefill = time.GetTimestamp();
        _pausedUntil = _lastRefill;
        _rateAfterCut = maxRate;
        _timer = time.CreateTimer(_ => Pump(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Builds the gate the options describe.</summary>
    public static RateGate Create(TransportOptions options, TimeProvider time) => new(
        options.MaxRequestsPerSecond,
        options.EffectiveBurst,
        options.MaxRequestsPerSecond * options.RateFloorFraction,
        options.RateRecoveryQuietPeriod,
        options.MaxRequestsPerSecond * options.RateRecoveryStepFraction,
        options.RateLimitPause,
        options.MaxRetryAfter,
        time);

    /// <summary>Completes when the caller may send one request.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetTimestamp();
            Refill(now);
            if (_queue.Count == 0 && now >= _pausedUntil && _tokens >= 1 - TokenEpsilon)
            {
                Take();
                return ValueTask.CompletedTask;
            }

            waiter = new Waiter();
            waiter.Node = _queue.AddLast(waiter);
            ServeQueue(now);
        }

        if (cancellationToken.CanBeCanceled && !waiter.Completion.Task.IsCompleted)
        {
            waiter.Registration = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
        }

        return new ValueTask(waiter.Completion.Task);
    }

    /// <summary>Reports a 429: cuts the rate (at most once per second) and pauses everyone for Retry-After (or the default pause).</summary>
    public void OnRateLimited(TimeSpan? retryAfter)
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            Refill(now);
            _throttles++;
            if (_lastCutAt is not { } last || _time.GetElapsedTime(last, now) >= DecreaseCooldown)
            {
                _rateAfterCut = Math.Max(_floorRate, RateAt(now) * 0.5);
                _lastCutAt = now;
                _decreases++;
            }
            else
            {
                // No second cut, but keep whatever recovery already happened as the new base.
                _rateAfterCut = RateAt(now);
            }

            var pause = retryAfter is { } ra ? (ra < TimeSpan.Zero ? TimeSpan.Zero : ra) : _defaultPause;
            pause = pause > _maxPause ? _maxPause : pause;
            _pausedUntil = Math.Max(_pausedUntil, now + ToTimestamp(pause));

            // A pause is not quiet time: recovery counts from the end of the pause (or from this 429).
            _recoverFrom = Math.Max(now, _pausedUntil);

            // One probe may go when the pause ends; the rest wait for the lowered rate.
            _tokens = 1;
            ServeQueue(now);
        }
    }

    /// <summary>The gate's state now.</summary>
    public RateGateSnapshot Snapshot()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            Refill(now);
            var paused = now < _pausedUntil ? _time.GetElapsedTime(now, _pausedUntil) : TimeSpan.Zero;
            return new RateGateSnapshot(RateAt(now), _maxRate, _tokens, _queue.Count, paused, _granted, _throttles, _decreases);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        List<Waiter> abandoned;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            abandoned = [.. _queue];
            _queue.Clear();
        }

        _timer.Dispose();
        foreach (var waiter in abandoned)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetException(new ObjectDisposedException(nameof(RateGate)));
        }
    }

    private void Pump()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                var now = _time.GetTimestamp();
                Refill(now);
                ServeQueue(now);
            }
        }
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (waiter.Node?.List is null)
            {
                return;
            }

            _queue.Remove(waiter.Node);
            waiter.Completion.TrySetCanceled(cancellationToken);
            if (!_disposed)
            {
                ServeQueue(_time.GetTimestamp());
            }
        }
    }

    // Caller holds the lock and has refilled.
    private void ServeQueue(long now)
    {
        while (_queue.First is { } node)
        {
            if (now < _pausedUntil)
            {
                Schedule(_time.GetElapsedTime(now, _pausedUntil));
                return;
            }

            if (_tokens < 1 - TokenEpsilon)
            {
                var seconds = (1 - _tokens) / RateAt(now);
                Schedule(TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond))));
                return;
            }

            Take();
            _queue.RemoveFirst();
            // Unregister, not Dispose: Dispose would wait for a running Cancel callback that needs this lock.
            node.Value.Registration.Unregister();
            node.Value.Completion.TrySetResult();
        }

        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void Schedule(TimeSpan due) => _timer.Change(due, Timeout.InfiniteTimeSpan);

    private void Take()
    {
        _tokens -= 1;
        _granted++;
    }

    // Tokens do not accrue during a pause: the bucket refills from the end of the pause.
    private void Refill(long now)
    {
        var from = Math.Max(_lastRefill, Math.Min(_pausedUntil, now));
        if (now > from)
        {
            _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(from, now).TotalSeconds * RateAt(now)));
        }

        _lastRefill = Math.Max(_lastRefill, now);
    }

    // Additive increase: one step per quiet period since the last 429 (or the end of its pause), up to the ceiling.
    private double RateAt(long now)
    {
        if (_lastCutAt is null)
        {
            return _maxRate;
        }

        if (now <= _recoverFrom)
        {
            return _rateAfterCut;
        }

        var steps = Math.Floor(_time.GetElapsedTime(_recoverFrom, now) / _quietPeriod);
        return Math.Min(_maxRate, _rateAfterCut + (steps * _recoveryStep));
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private sealed class Waiter
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
