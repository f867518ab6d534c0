namespace SmallCaps.Cli.Tests.Verify;

/// <summary>
/// A clock on which every look at the elapsed time (<see cref="GetTimestamp"/>) finds it <see cref="Step"/> later, and
/// the timers that fall due fire there and then, on the caller's thread: a verb's progress timer fires during its work
/// however fast the machine runs it. The wall time stays put, so the verb's "today" is the quick run's.
/// </summary>
internal sealed class SteppingClock(DateTimeOffset now) : TimeProvider
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    [ThreadStatic]
    private static bool _firing;

    private readonly object _gate = new();
    private readonly List<SteppingTimer> _timers = [];
    private long _ticks;

    public override DateTimeOffset GetUtcNow() => now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        long seen;
        List<SteppingTimer> due;
        lock (_gate)
        {
            seen = _ticks;
            if (_firing)
            {
                return seen;
            }

            _ticks += Step.Ticks;
            due = [.. _timers.Where(t => t.DueAt is { } d && d <= _ticks)];
            foreach (var timer in due)
            {
                timer.DueAt = timer.Period > 0 ? _ticks + timer.Period : null;
            }
        }

        // Reads of the clock inside a callback (the progress line's elapsed time) do not move it again.
        _firing = true;
        try
        {
            foreach (var timer in due)
            {
                timer.Fire();
            }
        }
        finally
        {
            _firing = false;
        }

        return seen;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SteppingTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    private sealed class SteppingTimer(SteppingClock owner, TimerCallback callback, object? state) : ITimer
    {
        public long? DueAt { get; set; }

        public long Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._ticks + dueTime.Ticks;
                Period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            }

            return true;
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
