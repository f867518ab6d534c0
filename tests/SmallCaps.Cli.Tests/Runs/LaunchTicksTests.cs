using SmallCaps.Cli.Tests.Ticks;
using SmallCaps.Core.Runs;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Runs;

public sealed class LaunchTicksTests
{
    [Fact]
    public async Task Launch_IngestTrades_FinishesWithTruthAndStatusNamesTheDataset()
    {
        // Given: a manifest of event windows
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 49 });
        using var dir = new TempDirectory();
        var names = TickLake.ActiveNames(sim, 3);
        var manifest = dir.Combine("manifest.csv");
        var made = await CliHarness.RunAsync(["manifest", "--events", TickLake.WriteEvents(dir.Path, names), "--out", manifest, "--before", "5m", "--after", "15m"]);
        Assert.Equal(0, made.ExitCode);
        var outdir = dir.Combine("lake");
        var paths = RunPaths.For(dir.Combine("run"));
        try
        {
            // When
            var launched = await ToolProcess.RunAsync("launch", "ingest-trades", "--manifest", manifest, "--outdir", outdir, "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--workdir", paths.Workdir);
            var end = await ToolProcess.WaitForEndAsync(paths, TimeSpan.FromSeconds(60));

            // Then
            Assert.True(launched.ExitCode == 0, launched.Error);
            Assert.Equal((RunState.Finished, 0), (end.State, end.Result!.ExitCode));
            Assert.Equal(manifest, end.Run!.Manifest);
            var trades = Assert.Single(end.Datasets, d => d.Name == "trades");
            Assert.True(trades.Done > 0);
            Assert.Equal(0, trades.Remaining);
            Assert.Equal(trades.Done + trades.Empty + trades.NotFound, trades.TasksTotal);
            foreach (var t in names)
            {
                Assert.Equal(TickLake.Trades(sim, t), TickLake.ReadTrades(outdir, t));
            }
        }
        finally
        {
            ToolProcess.KillLeftovers(paths);
        }
    }
}
