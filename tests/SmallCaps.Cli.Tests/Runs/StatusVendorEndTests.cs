using System.Text.Json;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Runs;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Runs;

/// <summary>A run that ends before --to because the vendor has not published the last days: status counts its own plan.</summary>
public sealed class StatusVendorEndTests
{
    [Fact]
    public async Task Status_RunEndedWhereTheVendorHadNotPublished_CompleteWithTheDaysNamedAsWaiting()
    {
        // Given: the vendor has published through 6 days ago; a minute run asks through today (clamped to yesterday)
        var today = NewYorkTime.Today(TimeProvider.System);
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 53, AsOf = today.PlusDays(-6) });
        using var dir = new TempDirectory();
        var tickers = CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 2));
        var workdir = dir.Combine("run");
        var paths = RunPaths.For(workdir);
        try
        {
            var launched = await ToolProcess.RunAsync("launch", "ingest-minute", "--tickers-csv", tickers, "--outdir", dir.Combine("lake"), "--from", IsoDate.Format(today.PlusDays(-40)), "--to", IsoDate.Format(today), "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--workdir", workdir);
            Assert.True(launched.ExitCode == 0, launched.Error);
            var end = await ToolProcess.WaitForEndAsync(paths, TimeSpan.FromSeconds(120));
            Assert.Equal((RunState.Finished, 0), (end.State, end.Result!.ExitCode));

            // When
            var json = await ToolProcess.RunAsync("status", "--workdir", workdir, "--json");
            var text = await ToolProcess.RunAsync("status", "--workdir", workdir);

            // Then: nothing left, every task settled, and the days after the run's end named as waiting for the vendor
            using var doc = JsonDocument.Parse(json.Out);
            var d = doc.RootElement.GetProperty("datasets")[0];
            int N(string name) => d.GetProperty(name).GetInt32();
            Assert.Equal(0, N("remaining"));
            Assert.Equal(0, N("pending"));
            Assert.Equal(N("tasksTotal"), N("done") + N("empty") + N("notFound"));
            Assert.Equal(doc.RootElement.GetProperty("progress").GetProperty("tasksPlanned").GetInt32(), N("tasksTotal"));
            var plannedTo = d.GetProperty("plannedTo").GetString()!;
            Assert.True(string.CompareOrdinal(plannedTo, IsoDate.Format(today.PlusDays(-6))) <= 0, plannedTo);
            Assert.StartsWith("the vendor has not published the sessions from ", d.GetProperty("waiting").GetString(), StringComparison.Ordinal);
            Assert.Contains("(100%)", text.Out, StringComparison.Ordinal);
            Assert.Contains($"ends {plannedTo}: the vendor has not published the sessions from ", text.Out, StringComparison.Ordinal);
        }
        finally
        {
            ToolProcess.KillLeftovers(paths);
        }
    }
}
