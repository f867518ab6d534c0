using SmallCaps.Core.Ledger;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ledger;

public sealed class OutdirLockTests
{
    [Fact]
    public void Acquire_WhileHeld_ThrowsNamingHolder()
    {
        // Given
        using var dir = new TempDirectory();
        using var held = OutdirLock.Acquire(dir.Path, new FakeTimeProvider());

        // When
        var ex = Assert.Throws<OutdirLockedException>(() => OutdirLock.Acquire(dir.Path, new FakeTimeProvider()));

        // Then
        Assert.Contains($"pid {Environment.ProcessId}", ex.Message);
    }

    [Fact]
    public void Acquire_AfterRelease_Succeeds_WithoutStaleHolder()
    {
        using var dir = new TempDirectory();
        OutdirLock.Acquire(dir.Path, new FakeTimeProvider()).Dispose();

        using var again = OutdirLock.Acquire(dir.Path, new FakeTimeProvider());

        Assert.Null(again.PreviousHolder);
    }

    [Fact]
    public void Acquire_LockLeftByDeadRun_TakesOverAndNamesIt()
    {
        // Given: a lock file and holder note from a process that no longer exists
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("_ledger"));
        File.WriteAllText(dir.Combine("_ledger", "run.lock"), string.Empty);
        File.WriteAllText(dir.Combine("_ledger", "run.lock.info"), "pid 999999 on host gone");

        // When
        using var taken = OutdirLock.Acquire(dir.Path, new FakeTimeProvider());

        // Then
        Assert.Equal("pid 999999 on host gone", taken.PreviousHolder);
    }

    [Fact]
    public void Release_LockFileStays_AsTheReadmeLakeTreeSays()
    {
        // Given
        using var dir = new TempDirectory();

        // When: a run takes the lock and ends cleanly
        OutdirLock.Acquire(dir.Path, new FakeTimeProvider()).Dispose();

        // Then: the file stays (only the OS lock on it goes), and the README's lake tree does not promise otherwise
        Assert.True(File.Exists(dir.Combine("_ledger", "run.lock")));
        var line = File.ReadLines(Path.Combine(RepoPaths.Root, "README.md")).Single(l => l.StartsWith("<outdir>/_ledger/run.lock", StringComparison.Ordinal));
        Assert.Contains("It stays after every run", line, StringComparison.Ordinal);
    }
}
