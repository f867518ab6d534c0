using SmallCaps.Cli.Output;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Cli.Tests.Output;

public sealed class ProgressLineTests
{
    [Fact]
    public void Format_MergeStepUnderWay_EndsWithItsProgress()
    {
        // Given: every fetch finished, 2 of 5 partitions merged
        var snapshot = new IngestSnapshot(8, 8, 8, 0, 0, 0, 0, 1_234, 2 * 1048576, TimeSpan.FromSeconds(75), MergesPlanned: 5, MergesFinished: 2) { Phase = RunPhase.Merging };

        // When
        var line = ProgressLine.Format(snapshot, null);

        // Then
        Assert.Equal("tasks 8/8  failed 0  bars 1,234  2.0 MB  0.0 req/s  429s 0  retries 0  elapsed 00:01:15  merging 2/5 partitions", line);
    }

    [Fact]
    public void Format_BeforeTheMergeStep_NoMergeField()
    {
        var line = ProgressLine.Format(new IngestSnapshot(8, 3, 3, 0, 0, 0, 0, 10, 0, TimeSpan.FromSeconds(3)), null);

        Assert.DoesNotContain("merging", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_RefetchAfterSplitsUnderWay_ShowsItBeforeTheMergeStep()
    {
        var snapshot = new IngestSnapshot(8, 8, 8, 0, 0, 0, 0, 10, 0, TimeSpan.FromSeconds(3)) { RefetchesPlanned = 3, RefetchesFinished = 1, Phase = RunPhase.Refetching };

        var line = ProgressLine.Format(snapshot, null);

        Assert.EndsWith("elapsed 00:00:03  refetching 1/3 windows a split rewrote", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_LateTailsOfAnOlderBuildUnderWay_ShowsTheirOwnStepInsteadOfAnEta()
    {
        var snapshot = new IngestSnapshot(60, 60, 60, 0, 0, 0, 0, 10, 0, TimeSpan.FromSeconds(16)) { RefetchesPlanned = 60, RefetchesFinished = 23, Phase = RunPhase.RefetchingLateTails };

        var line = ProgressLine.Format(snapshot, null);

        Assert.EndsWith("elapsed 00:00:16  checking 23/60 windows an older build wrote", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_CheckingSplitsAfterTheTasks_SaysSoInsteadOfAnEta()
    {
        var snapshot = new IngestSnapshot(4, 4, 4, 0, 0, 0, 0, 10, 0, TimeSpan.FromSeconds(48)) { Phase = RunPhase.CheckingSplits };

        var line = ProgressLine.Format(snapshot, null);

        Assert.EndsWith("elapsed 00:00:48  checking splits", line, StringComparison.Ordinal);
        Assert.DoesNotContain("eta", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_MergeStepBeforeItsPlan_SaysMerging()
    {
        var line = ProgressLine.Format(new IngestSnapshot(4, 4, 4, 0, 0, 0, 0, 10, 0, TimeSpan.FromSeconds(48)) { Phase = RunPhase.Merging }, null);

        Assert.EndsWith("elapsed 00:00:48  merging partitions", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_TasksUnderWay_Eta()
    {
        var line = ProgressLine.Format(new IngestSnapshot(40, 10, 10, 0, 0, 0, 0, 10, 0, TimeSpan.FromSeconds(10)), null);

        Assert.EndsWith("elapsed 00:00:10  eta 00:00:30", line, StringComparison.Ordinal);
    }
}
