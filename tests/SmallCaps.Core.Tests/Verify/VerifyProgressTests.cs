using SmallCaps.Core.Progress;
using SmallCaps.Core.Verify;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Verify;

[Collection(SimLakeCollection.Name)]
public sealed class VerifyProgressTests(SimLakeFixture lake)
{
    [Fact]
    public void Run_WithProgress_CountsEveryFileItChecksAgainstTheTotal()
    {
        // Given
        using var dir = lake.Copy();
        var progress = new WorkProgress(new FakeTimeProvider());

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path, Progress = progress });

        // Then: the step's total is what the report counts, and every file was counted once
        var s = progress.Snapshot();
        Assert.True(report.IsClean);
        Assert.Equal("checked", s.Step);
        Assert.Equal((long)report.Totals.Files, s.FilesTotal);
        Assert.Equal(report.Totals.Bytes, s.BytesTotal);
        Assert.Equal((s.FilesTotal, s.BytesTotal), (s.Files, s.Bytes));
    }
}
