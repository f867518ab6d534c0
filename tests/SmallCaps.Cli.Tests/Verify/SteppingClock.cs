using SmallCaps.TestSupport;

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

    private readonly FakeTimeProvider _steps = new(now);

    public override DateTimeOffset GetUtcNow() => now;

    public override long TimestampFrequency => _steps.TimestampFrequency;

    public override long GetTimestamp()
    {
        var seen = _steps.GetTimestamp();
        if (_firing)
        {
            // Reads of the clock inside a timer's callback (the progress line's elapsed time) do not move it again.
            return seen;
        }

        _firing = true;
        try
        {
            _steps.Advance(Step);
        }
        finally
        {
            _firing = false;
        }

        return seen;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _steps.CreateTimer(callback, state, dueTime, period);
}
