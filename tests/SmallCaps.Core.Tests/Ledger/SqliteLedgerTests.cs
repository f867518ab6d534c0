using NodaTime;
using SmallCaps.Core.Ledger;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ledger;

public sealed class SqliteLedgerTests
{
    private static readonly TaskKey Key = new("bars_1d", "AAA", new LocalDate(2020, 1, 1), new LocalDate(2020, 12, 31));

    [Fact]
    public void MarkDone_Committed_SurvivesReopen()
    {
        // Given
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider();
        using (var ledger = SqliteLedger.Open(dir.Path, clock))
        {
            using var tx = ledger.Begin();
            var id = tx.EnsureTask(Key, adjusted: true, "day");
            tx.MarkRunning(id);
            tx.MarkDone(id, new CommittedFile("bars_1d/ticker=AAA/part.parquet", 252, 9000, "ab", 1, 2));

            // When
            tx.Commit();
        }

        // Then
        using var reopened = SqliteLedger.Open(dir.Path, clock);
        var task = Assert.Single(reopened.Tasks("bars_1d"));
        Assert.Equal(TaskState.Done, task.State);
        Assert.Equal(252, task.Rows);
        Assert.Equal(1, task.Attempts);
        Assert.Equal("bars_1d/ticker=AAA/part.parquet", task.FilePath);
        Assert.True(task.Adjusted);
    }

    [Fact]
    public void Dispose_WithoutCommit_RollsBack()
    {
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        using (var tx = ledger.Begin())
        {
            tx.EnsureTask(Key, adjusted: true, "day");
        }

        Assert.Empty(ledger.Tasks("bars_1d"));
    }

    [Fact]
    public void Tasks_WhileTransactionOpen_ThrowsInsteadOfHanging()
    {
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider(), TimeSpan.FromMilliseconds(50));
        using var tx = ledger.Begin();

        Assert.Throws<TimeoutException>(() => ledger.Tasks("bars_1d"));
    }

    [Fact]
    public void ResetRunning_LeftRunning_BecomesPending()
    {
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        using (var tx = ledger.Begin())
        {
            tx.MarkRunning(tx.EnsureTask(Key, adjusted: true, "day"));
            tx.Commit();
        }

        using (var tx = ledger.Begin())
        {
            Assert.Equal(1, tx.ResetRunning());
            tx.Commit();
        }

        Assert.Equal(TaskState.Pending, Assert.Single(ledger.Tasks("bars_1d")).State);
    }

    [Fact]
    public void EnsureTask_SameKeyTwice_OneRow()
    {
        using var dir = new TempDirectory();
        using var ledger = SqliteLedger.Open(dir.Path, new FakeTimeProvider());
        long a, b;
        using (var tx = ledger.Begin())
        {
            a = tx.EnsureTask(Key, adjusted: true, "day");
            b = tx.EnsureTask(Key, adjusted: true, "day");
            tx.Commit();
        }

        Assert.Equal(a, b);
        Assert.Single(ledger.Tasks("bars_1d"));
    }
}
