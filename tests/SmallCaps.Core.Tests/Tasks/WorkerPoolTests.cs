using SmallCaps.Core.Tasks;

namespace SmallCaps.Core.Tests.Tasks;

public sealed class WorkerPoolTests
{
    [Fact]
    public void Rent_AfterReturn_ReusesTheState()
    {
        // Given
        var created = 0;
        using var pool = new WorkerPool<FakeWorker>(() => { created++; return new FakeWorker(); });
        var first = pool.Rent();
        pool.Return(first);

        // When
        var second = pool.Rent();

        // Then
        Assert.Same(first, second);
        Assert.Equal(1, created);
    }

    [Fact]
    public void Rent_WhileAnotherTaskHoldsTheState_BuildsAnother()
    {
        // Given
        using var pool = new WorkerPool<FakeWorker>(() => new FakeWorker());
        var held = pool.Rent();

        // When
        var other = pool.Rent();

        // Then
        Assert.NotSame(held, other);
    }

    [Fact]
    public void Dispose_ReturnedStates_AreDisposed()
    {
        // Given
        var pool = new WorkerPool<FakeWorker>(() => new FakeWorker());
        var worker = pool.Rent();
        pool.Return(worker);

        // When
        pool.Dispose();

        // Then
        Assert.True(worker.Disposed);
    }
}
