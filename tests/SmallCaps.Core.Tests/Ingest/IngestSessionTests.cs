using NodaTime;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ingest;

public sealed class IngestSessionTests
{
    [Fact]
    public async Task RunAsync_MergeStepAfterTheTasks_CountsInTheSummarysElapsedTime()
    {
        // Given: daily bars fetched once, then extended (so the second run merges); the merge step "takes" an hour
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 400, Seed = 13 });
        using var dir = new TempDirectory();
        var tickers = SimIngest.CommonStocks(sim, 2);
        var from = new LocalDate(2021, 6, 1);
        await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, from, new LocalDate(2021, 6, 30));
        var clock = new FakeTimeProvider();
        var log = new LoggerConfiguration().WriteTo.Sink(new AdvanceOnMerge(clock)).CreateLogger();

        // When
        var outcome = await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, tickers, from, new LocalDate(2021, 7, 9), clock: clock, log: log);

        // Then
        Assert.True(outcome.Merged!.Files > 0);
        Assert.True(outcome.Final.Elapsed >= TimeSpan.FromHours(1), $"elapsed {outcome.Final.Elapsed}");
        Assert.Equal(RunPhase.Merging, outcome.Final.Phase);
    }

    // The merge step announces itself in the log before it starts merging: time passes then.
    private sealed class AdvanceOnMerge(FakeTimeProvider clock) : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            if (logEvent.MessageTemplate.Text.StartsWith("{Dataset}: merging {Count}", StringComparison.Ordinal))
            {
                clock.Advance(TimeSpan.FromHours(1));
            }
        }
    }
}
