using SmallCaps.Cli.Output;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Cli.Tests.Output;

public sealed class ProgressLineTests
{
    [Fact]
    public void Format_MergeStepUnderWay_EndsWithItsProgress()
    {
        // Given: every fetch finished, 2 of 5 partitions merged
        var snapshot = new IngestSnapshot(8, 8, 8, 0, 0, 0, 0, 1_234, 2 * 1048576, TimeSpan.FromSeconds(75), MergesPlanned: 5, MergesFinished: 2);

        // When
        var line = ProgressLine.Format(snapshot, null);

        // Then
        Assert.Equal("tasks 8/8  failed 0  bars 1,234  2.0 MB  0.0 req/s  429s 0  retries 0  elapsed 00:01:15  eta --:--:--  merging 2/5", line);
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
        var snapshot = new IngestSnapshot(8, 8, 8, 0, 0, 0, 0, 10, 0, TimeSpan.FromSeconds(3)) { RefetchesPlanned = 3, RefetchesFinished = 1 };

        var line = ProgressLine.Format(snapshot, null);

        Assert.EndsWith("eta --:--:--  refetching 1/3", line, StringComparison.Ordinal);
    }
}
