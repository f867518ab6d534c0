using SmallCaps.Core.Http;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Http;

public sealed class RateGateTests
{
    private readonly FakeTimeProvider _clock = new();

    private RateGate CreateSut(double rate = 10, int burst = 1, double floor = 1, double step = 1, double quietSeconds = 10, double pauseSeconds = 1, double maxPauseSeconds = 300) =>
        new(rate, burst, floor, TimeSpan.FromSeconds(quietSeconds), step, TimeSpan.FromSeconds(pauseSeconds), TimeSpan.FromSeconds(maxPauseSeconds), _clock);

    [Fact]
    public void WaitAsync_BurstThenEmpty_NextWaitsOneTokenInterval()
    {
        // Given
        using var gate = CreateSut(rate: 10, burst: 2);

        // When
        var first = gate.WaitAsync(CancellationToken.None);
        var second = gate.WaitAsync(CancellationToken.None);
        var third = gate.WaitAsync(CancellationToken.None).AsTask();

        // Then
        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(second.IsCompletedSuccessfully);
        Assert.False(third.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(third.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(third.IsCompletedSuccessfully);
        Assert.Equal(3, gate.Snapshot().Granted);
    }

    [Fact]
    public void WaitAsync_ManyWaiters_ServedInOrderAtTheRate()
    {
        // Given
        using var gate = CreateSut(rate: 1, burst: 1);
        Assert.True(gate.WaitAsync(CancellationToken.None).AsTask().IsCompletedSuccessfully);
        var waiters = Enumerable.Range(0, 3).Select(_ => gate.WaitAsync(CancellationToken.None).AsTask()).ToList();

        // When / Then: one per second, first come first served
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i, waiters.Count(w => w.IsCompleted));
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True(waiters[i].IsCompletedSuccessfully);
            Assert.Equal(i + 1, waiters.Count(w => w.IsCompleted));
        }

        Assert.Equal(0, gate.Snapshot().Waiting);
    }

    [Fact]
    public void WaitAsync_IdleLongTime_BucketHoldsAtMostBurst()
    {
        // Given
        using var gate = CreateSut(rate: 10, burst: 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(gate.WaitAsync(CancellationToken.None).AsTask().IsCompletedSuccessfully);
        }

        // When
        _clock.Advance(TimeSpan.FromHours(1));
        var granted = Enumerable.Range(0, 5).Select(_ => gate.WaitAsync(CancellationToken.None).AsTask()).Count(t => t.IsCompleted);

        // Then
        Assert.Equal(3, granted);
    }

    [Fact]
    public void OnRateLimited_RetryAfter_PausesEveryoneThenOneProbeThenLowerRate()
    {
        // Given
        using var gate = CreateSut(rate: 10, burst: 5);

        // When
        gate.OnRateLimited(TimeSpan.FromSeconds(30));
        var waiters = Enumerable.Range(0, 3).Select(_ => gate.WaitAsync(CancellationToken.None).AsTask()).ToList();

        // Then
        Assert.Equal(TimeSpan.FromSeconds(30), gate.Snapshot().PausedFor);
        _clock.Advance(TimeSpan.FromSeconds(29.9));
        Assert.DoesNotContain(waiters, w => w.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(waiters[0].IsCompletedSuccessfully);
        Assert.False(waiters[1].IsCompleted);

        // Rate is now 5/s: the next token comes 200 ms later.
        Assert.Equal(5, gate.Snapshot().CurrentRate, 9);
        _clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(waiters[1].IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(waiters[1].IsCompletedSuccessfully);
        Assert.False(waiters[2].IsCompleted);
    }

    [Fact]
    public void OnRateLimited_NoRetryAfter_PausesForDefault()
    {
        // Given
        using var gate = CreateSut(rate: 10, burst: 1, pauseSeconds: 2);

        // When
        gate.OnRateLimited(null);
        var waiter = gate.WaitAsync(CancellationToken.None).AsTask();

        // Then
        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(waiter.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(waiter.IsCompletedSuccessfully);
    }

    [Fact]
    public void OnRateLimited_HugeRetryAfter_CappedAtMaxPause()
    {
        // Given
        using var gate = CreateSut(maxPauseSeconds: 60);

        // When
        gate.OnRateLimited(TimeSpan.FromDays(1));

        // Then
        Assert.Equal(TimeSpan.FromSeconds(60), gate.Snapshot().PausedFor);
    }

    [Fact]
    public void OnRateLimited_Repeatedly_HalvesDownToFloor()
    {
        // Given
        using var gate = CreateSut(rate: 10, floor: 1);
        var rates = new List<double>();

        // When
        for (var i = 0; i < 5; i++)
        {
            gate.OnRateLimited(TimeSpan.Zero);
            rates.Add(gate.Snapshot().CurrentRate);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Then
        Assert.Equal([5, 2.5, 1.25, 1, 1], rates);
        Assert.Equal(5, gate.Snapshot().Throttles);
    }

    [Fact]
    public void OnRateLimited_SeveralAnswersOfOneBurst_CutOnce()
    {
        // Given
        using var gate = CreateSut(rate: 10);

        // When
        gate.OnRateLimited(null);
        _clock.Advance(TimeSpan.FromMilliseconds(300));
        gate.OnRateLimited(null);
        gate.OnRateLimited(null);

        // Then
        var snapshot = gate.Snapshot();
        Assert.Equal(5, snapshot.CurrentRate, 9);
        Assert.Equal(3, snapshot.Throttles);
        Assert.Equal(1, snapshot.Decreases);
    }

    [Fact]
    public void Snapshot_AfterQuietPeriods_RateClimbsAdditivelyToCeiling()
    {
        // Given
        using var gate = CreateSut(rate: 10, step: 1, quietSeconds: 10);
        gate.OnRateLimited(TimeSpan.Zero);

        // When / Then
        Assert.Equal(5, gate.Snapshot().CurrentRate, 9);
        _clock.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Equal(5, gate.Snapshot().CurrentRate, 9);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(6, gate.Snapshot().CurrentRate, 9);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(7, gate.Snapshot().CurrentRate, 9);
        _clock.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal(10, gate.Snapshot().CurrentRate, 9);
    }

    [Fact]
    public void Snapshot_NewThrottleDuringRecovery_CutsFromCurrentRate()
    {
        // Given
        using var gate = CreateSut(rate: 10, step: 1, quietSeconds: 10);
        gate.OnRateLimited(TimeSpan.Zero);
        _clock.Advance(TimeSpan.FromSeconds(30));

        // When
        gate.OnRateLimited(TimeSpan.Zero);

        // Then: 5 + 3 steps = 8, halved
        Assert.Equal(4, gate.Snapshot().CurrentRate, 9);
    }

    [Fact]
    public async Task WaitAsync_QueuedWaiterCancelled_NextWaiterGetsTheToken()
    {
        // Given
        using var gate = CreateSut(rate: 1, burst: 1);
        Assert.True(gate.WaitAsync(CancellationToken.None).AsTask().IsCompletedSuccessfully);
        using var cts = new CancellationTokenSource();
        var cancelled = gate.WaitAsync(cts.Token).AsTask();
        var next = gate.WaitAsync(CancellationToken.None).AsTask();

        // When
        await cts.CancelAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));

        // Then
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.True(next.IsCompletedSuccessfully);
        Assert.Equal(0, gate.Snapshot().Waiting);
    }
}
