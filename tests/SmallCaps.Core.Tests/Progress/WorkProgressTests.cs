using SmallCaps.Core.Progress;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Progress;

public sealed class WorkProgressTests
{
    [Fact]
    public void Snapshot_StepHalfDone_EtaIsTheStepsPaceOverWhatIsLeft()
    {
        // Given: 20 s reading the ledger, then 10 s for 25 of 100 MB
        var clock = new FakeTimeProvider();
        var progress = new WorkProgress(clock);
        progress.Enter("reading the ledger");
        clock.Advance(TimeSpan.FromSeconds(20));
        progress.Enter("checked", 4, 100);
        progress.FileDone(25);
        clock.Advance(TimeSpan.FromSeconds(10));

        // When
        var s = progress.Snapshot();

        // Then: the ledger's 20 s count in the elapsed time, not in the pace
        Assert.Equal(("checked", true, 1L, 4L, 25L, 100L), (s.Step, s.Counted, s.Files, s.FilesTotal, s.Bytes, s.BytesTotal));
        Assert.Equal(TimeSpan.FromSeconds(30), s.Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(30), s.Eta);
    }

    [Fact]
    public void Enter_NextStep_CountsStartAgain()
    {
        var progress = new WorkProgress(new FakeTimeProvider());
        progress.Enter("backed up", 3, 30);
        progress.FileUnchanged(10);
        progress.FileCopied(10);
        progress.FileDone(10);
        var first = progress.Snapshot();

        progress.Enter("pass 2: backed up", 3, 30);
        var second = progress.Snapshot();

        Assert.Equal((3L, 30L, 1L, 1L, 10L), (first.Files, first.Bytes, first.Unchanged, first.Copied, first.CopiedBytes));
        Assert.Equal((0L, 0L, 0L, 0L, 0L), (second.Files, second.Bytes, second.Unchanged, second.Copied, second.CopiedBytes));
        Assert.Null(second.Eta);
    }

    [Fact]
    public void Snapshot_StepWithoutCount_HasNoEta()
    {
        var progress = new WorkProgress(new FakeTimeProvider());
        progress.Enter("writing the snapshot");

        var s = progress.Snapshot();

        Assert.False(s.Counted);
        Assert.Null(s.Eta);
    }
}
