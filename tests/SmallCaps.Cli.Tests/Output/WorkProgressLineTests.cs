using SmallCaps.Cli.Output;
using SmallCaps.Core.Progress;

namespace SmallCaps.Cli.Tests.Output;

public sealed class WorkProgressLineTests
{
    [Fact]
    public void Format_BackupStep_ShowsUnchangedAndCopiedFiles()
    {
        var s = new WorkSnapshot("backed up", true, 1_234, 5_360, 10 * 1048576L, 40 * 1048576L, 1_100, 134, 2 * 1048576L, TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(10));

        var line = WorkProgressLine.Format(s, copies: true);

        Assert.Equal("backed up 1,234/5,360 files  10.0/40.0 MB  unchanged 1,100  copied 134 (2.0 MB)  elapsed 00:00:12  eta 00:00:30", line);
    }

    [Fact]
    public void Format_StepWithoutCount_ShowsTheStepAndElapsedTime()
    {
        var s = new WorkSnapshot("reading the ledger and reference", false, 0, 0, 0, 0, 0, 0, 0, TimeSpan.FromSeconds(75), TimeSpan.Zero);

        Assert.Equal("reading the ledger and reference  elapsed 00:01:15", WorkProgressLine.Format(s));
    }

    [Fact]
    public void Format_NothingDoneYet_EtaUnknown_AndHoursPastADayStayHours()
    {
        var s = new WorkSnapshot("re-hashed", true, 0, 10, 0, 100, 0, 0, 0, TimeSpan.FromHours(26), TimeSpan.FromHours(1));

        Assert.Equal("re-hashed 0/10 files  0.0/0.0 MB  elapsed 26:00:00  eta --:--:--", WorkProgressLine.Format(s));
    }
}
