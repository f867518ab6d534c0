using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Universe;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Faults;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Universe;

public sealed class TickerListingTests
{
    private const double CapMax = 2e9;

    [Fact]
    public async Task RunAsync_OneNullResultsAnswerOnTheActiveList_GivesTheWholeUniverse()
    {
        // Given: the first answer of the active tickers list is "results": null
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 7 };
        options.FaultRules.Add(FaultRule.Parse("null-results:/v3/reference/tickers@1"));
        await using var sim = await SimulatorHost.StartAsync(options, CancellationToken.None);
        using var dir = new TempDirectory();
        var expected = SimUniverse.Compute(sim.Truth, sim.Truth.AsOf, CapMax, includeDelisted: true);

        // When
        var (selection, _) = await SimUniverse.RunAsync(sim, Request(dir, sim));

        // Then
        Assert.Equal(1, sim.FaultLog.Total);
        Assert.Equal(expected.Total, selection.Funnel.Total);
        Assert.Equal(expected.Members.Select(m => m.Ticker.Ticker), selection.Members.Select(m => m.Ticker));
    }

    [Fact]
    public async Task RunAsync_ActiveListEmptyTwice_FailsTheTaskAndTheRerunAsksAgain()
    {
        // Given: the active list answers "results": null to the first ask and to the re-ask
        using var dir = new TempDirectory();
        var faulty = new SimulatorOptions { UniverseSize = 300, Seed = 7 };
        faulty.FaultRules.Add(FaultRule.Parse("null-results:/v3/reference/tickers@1+2"));
        await using (var sim = await SimulatorHost.StartAsync(faulty, CancellationToken.None))
        {
            // When
            var (outcome, _) = await SimUniverse.RunOutcomeAsync(sim, Request(dir, sim));

            // Then: no universe, and the active list is failed (not settled empty) with its reason
            Assert.Equal(ExitCodes.SomeFailed, outcome.ExitCode);
            Assert.Null(outcome.Selection);
            Assert.Contains("no active tickers", outcome.Failure, StringComparison.Ordinal);
            Assert.False(File.Exists(dir.Combine("u.csv")));
            var active = ReferenceLedgerTests.Tasks(dir.Path, ReferenceLake.TickersDataset).Single(t => t.Task.Key.Ticker == "part-active").Task;
            Assert.Equal(TaskState.Failed, active.State);
            Assert.Contains("no active tickers", active.LastError, StringComparison.Ordinal);
        }

        await using var healthy = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 7 }, CancellationToken.None);
        var expected = SimUniverse.Compute(healthy.Truth, healthy.Truth.AsOf, CapMax, includeDelisted: true);

        // When
        var (resumed, _) = await SimUniverse.RunAsync(healthy, Request(dir, healthy));

        // Then
        Assert.Equal(expected.Members.Select(m => m.Ticker.Ticker), resumed.Members.Select(m => m.Ticker));
    }

    [Fact]
    public async Task RunAsync_ActiveListSettledEmptyByAnEarlierRun_AsksItAgain()
    {
        // Given: a lake whose active list an earlier version settled empty (its file gone)
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 7 }, CancellationToken.None);
        using var dir = new TempDirectory();
        await SimUniverse.RunAsync(sim, Request(dir, sim));
        var active = ReferenceLedgerTests.Tasks(dir.Path, ReferenceLake.TickersDataset).Single(t => t.Task.Key.Ticker == "part-active").Task;
        File.Delete(SmallCaps.Core.Lake.LakeLayout.FullPath(dir.Path, active.FilePath!));
        using (var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System))
        {
            using var tx = ledger.Begin();
            tx.SetState(active.Id, TaskState.Empty);
            tx.Commit();
        }

        var expected = SimUniverse.Compute(sim.Truth, sim.Truth.AsOf, CapMax, includeDelisted: true);

        // When
        var (selection, _) = await SimUniverse.RunAsync(sim, Request(dir, sim));

        // Then
        Assert.Equal(expected.Members.Select(m => m.Ticker.Ticker), selection.Members.Select(m => m.Ticker));
        Assert.Equal(TaskState.Done, ReferenceLedgerTests.Tasks(dir.Path, ReferenceLake.TickersDataset).Single(t => t.Task.Key.Ticker == "part-active").Task.State);
    }

    [Fact]
    public async Task RunAsync_ActiveListEmptyTwiceWithoutOutdir_WritesNoUniverse()
    {
        // Given
        using var dir = new TempDirectory();
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 7 };
        options.FaultRules.Add(FaultRule.Parse("null-results:/v3/reference/tickers@1+2"));
        await using var sim = await SimulatorHost.StartAsync(options, CancellationToken.None);

        // When
        var (outcome, _) = await SimUniverse.RunOutcomeAsync(sim, Request(dir, sim) with { Outdir = null });

        // Then
        Assert.Equal(ExitCodes.SomeFailed, outcome.ExitCode);
        Assert.Contains("no active tickers", outcome.Failure, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("u.csv")));
    }

    private static UniverseRequest Request(TempDirectory dir, SimulatorHost sim) => new()
    {
        Options = new UniverseOptions { CapMax = CapMax, IncludeDelisted = true },
        Today = sim.Truth.AsOf,
        Outdir = dir.Path,
        OutCsv = dir.Combine("u.csv"),
    };
}
