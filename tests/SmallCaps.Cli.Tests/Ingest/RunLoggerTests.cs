using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ingest;

public sealed class RunLoggerTests
{
    private static readonly DateTimeOffset Instant = new(2026, 3, 2, 22, 30, 5, TimeSpan.Zero);

    [Fact]
    public void Create_TwoRunsInTheSameInstant_EachLineInItsOwnLog()
    {
        // Given: two runs of one outdir started in the same instant, both logs open at once
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(Instant);

        // When
        using (var first = RunLogger.Create(dir.Path, "bars_1d", clock, consoleWarnings: false))
        using (var second = RunLogger.Create(dir.Path, "bars_1d", clock, consoleWarnings: false))
        {
            first.Information("first run");
            second.Information("second run");
        }

        // Then
        var logs = Directory.GetFiles(Path.Combine(dir.Path, LakeLayout.LogsFolder)).Select(File.ReadAllText).ToList();
        Assert.Equal(2, logs.Count);
        Assert.Single(logs, l => l.Contains("first run", StringComparison.Ordinal));
        Assert.Single(logs, l => l.Contains("second run", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(typeof(InputException), "error: --adjusted does not match", 2)]
    [InlineData(typeof(OutdirLockedException), "error: held by pid 7", 4)]
    [InlineData(typeof(OperationCanceledException), "interrupted; run the same command again to resume", 130)]
    public void Stopped_RefusedOrInterrupted_LogEndsWithTheLineAndTheExitCode(Type kind, string line, int exitCode)
    {
        // Given
        using var dir = new TempDirectory();
        var ex = kind == typeof(OperationCanceledException) ? new OperationCanceledException() : (Exception)Activator.CreateInstance(kind, line["error: ".Length..])!;

        // When
        using (var log = RunLogger.Create(dir.Path, "bars_1d", new FakeTimeProvider(Instant), consoleWarnings: false))
        {
            log.Information("ingest-daily --outdir lake");
            RunLogger.Stopped(log, ex);
        }

        // Then
        var lines = File.ReadAllLines(Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, LakeLayout.LogsFolder))));
        Assert.EndsWith(line, lines[^2], StringComparison.Ordinal);
        Assert.EndsWith($"exit code {exitCode}", lines[^1], StringComparison.Ordinal);
    }
}
