using SmallCaps.Core.Runs;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Runs;

public sealed class ControlWatcherTests
{
    [Fact]
    public void StopFile_Written_CancelsToken()
    {
        // Given
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        using var cts = new CancellationTokenSource();
        using var watcher = new ControlWatcher(paths, watchPause: false, cts, TimeProvider.System);

        // When
        ControlFiles.RequestStop(paths, TimeProvider.System);

        // Then: the watcher or the one-second poll sees it
        Assert.True(cts.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)));
        Assert.Equal("stop requested", watcher.Reason);
    }

    [Fact]
    public void PauseFlag_OnlyCancelsWhenWatched()
    {
        // Given: the pause flag is already there
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        var clock = new FakeTimeProvider();
        ControlFiles.Pause(paths, clock);
        using var ignoring = new CancellationTokenSource();
        using var watching = new CancellationTokenSource();

        // When: both watchers poll once (the fake clock fires the first poll at once)
        using (new ControlWatcher(paths, watchPause: false, ignoring, clock))
        using (new ControlWatcher(paths, watchPause: true, watching, clock))
        {
            clock.Advance(TimeSpan.FromSeconds(2));
        }

        // Then
        Assert.False(ignoring.IsCancellationRequested);
        Assert.True(watching.IsCancellationRequested);
    }
}
