using SmallCaps.Core.Ingest;
using SmallCaps.Core.Runs;

namespace SmallCaps.Core.Tests.Runs;

public sealed class ProgressMathTests
{
    [Fact]
    public void Eta_QuarterDoneInTenSeconds_ThirtySecondsLeft()
    {
        var s = new IngestSnapshot(40, 10, 10, 0, 0, 0, 0, 1000, 2000, TimeSpan.FromSeconds(10));
        Assert.Equal(30, ProgressMath.Eta(s));
    }

    [Fact]
    public void Eta_NothingFinished_Unknown()
    {
        var s = new IngestSnapshot(40, 0, 0, 0, 0, 0, 0, 0, 0, TimeSpan.FromSeconds(10));
        Assert.Null(ProgressMath.Eta(s));
    }

    [Fact]
    public void Eta_PastTheTasks_Unknown()
    {
        var s = new IngestSnapshot(40, 40, 40, 0, 0, 0, 0, 1000, 2000, TimeSpan.FromSeconds(10)) { Phase = RunPhase.Merging };
        Assert.Null(ProgressMath.Eta(s));
    }
}
