using SmallCaps.Cli.Ingest;
using SmallCaps.Cli.Output;
using SmallCaps.Core.Progress;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Output;

public sealed class WorkWithProgressTests
{
    [Fact]
    public async Task RunAsync_LongWorkRedirected_PrintsALineEveryTenSecondsOnStderrOnly()
    {
        // Given: a job of 100 files that the test moves along, 10 files and 10 s at a time
        var clock = new FakeTimeProvider();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var release = new SemaphoreSlim(0);
        var started = new TaskCompletionSource<WorkProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = WorkWithProgress.RunAsync(
            new CliConsole(stdout, stderr, Interactive: false),
            clock,
            p =>
            {
                p.Enter("checked", 100, 100 * 1048576L);
                started.SetResult(p);
                release.Wait();
                return 7;
            },
            s => WorkProgressLine.Format(s),
            CancellationToken.None);
        var progress = await started.Task;

        // When
        for (var i = 0; i < 3; i++)
        {
            for (var f = 0; f < 10; f++)
            {
                progress.FileDone(1048576);
            }

            clock.Advance(TimeSpan.FromSeconds(10));
        }

        release.Release();
        var result = await run;
        clock.Advance(TimeSpan.FromMinutes(1));

        // Then: one line per 10 s while it ran, none after; stdout untouched
        Assert.Equal(7, result);
        Assert.Equal(
            [
                "checked 10/100 files  10.0/100.0 MB  elapsed 00:00:10  eta 00:01:30",
                "checked 20/100 files  20.0/100.0 MB  elapsed 00:00:20  eta 00:01:20",
                "checked 30/100 files  30.0/100.0 MB  elapsed 00:00:30  eta 00:01:10",
            ],
            stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public async Task RunAsync_ShortWork_PrintsNothing()
    {
        // Given
        var clock = new FakeTimeProvider();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        // When: the job ends before the first interval
        var result = await WorkWithProgress.RunAsync(new CliConsole(stdout, stderr, Interactive: false), clock, p => 3, s => WorkProgressLine.Format(s), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));

        // Then
        Assert.Equal(3, result);
        Assert.Empty(stderr.ToString());
        Assert.Empty(stdout.ToString());
    }
}
