using SmallCaps.Core.Ingest;
using SmallCaps.Core.Runs;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Runs;

public sealed class ProgressFileWriterTests
{
    [Fact]
    public void Dispose_RunStoppedHalfWay_FinalSnapshotHasNoEta()
    {
        // Given: a run stopped after 10 of 40 tasks in 10 s (30 s would be left at that pace)
        using var dir = new TempDirectory();
        var paths = new RunPaths(dir.Path);
        var clock = new FakeTimeProvider();
        var snapshot = new IngestSnapshot(40, 10, 10, 0, 0, 0, 0, 1000, 2000, TimeSpan.FromSeconds(10));
        var writer = new ProgressFileWriter(paths, "run-1", "bars_1d", () => snapshot, () => null, clock);
        clock.Advance(ProgressFileWriter.Interval);
        Assert.Equal(30, RunJson.Read<ProgressSnapshot>(paths.Progress)!.EtaSeconds);

        // When: the ingest ends
        writer.Dispose();

        // Then
        var final = RunJson.Read<ProgressSnapshot>(paths.Progress)!;
        Assert.True(final.Final);
        Assert.Null(final.EtaSeconds);
    }
}
