using SmallCaps.Core.Ingest;
using SmallCaps.Core.Runs;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Runs;

/// <summary>A background run that stops early says why in its result (what status shows), not only its exit code.</summary>
public sealed class LaunchResultTests
{
    [Fact]
    public async Task Launch_KeyRejected_LaunchAndResultNameTheReason()
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 46 });
        using var dir = new TempDirectory();
        var tickers = CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 2));
        var paths = RunPaths.For(dir.Combine("run"));
        try
        {
            // When
            var launch = await ToolProcess.RunAsync("launch", "ingest-daily", "--tickers-csv", tickers, "--outdir", dir.Combine("lake"), "--from", "2023-01-01", "--to", "2023-12-31", "--api-key", "not-the-key", "--base-url", sim.BaseUrl.ToString(), "--workdir", paths.Workdir);

            // Then: the run ends before its first task, so launch itself says why, on the terminal
            Assert.Equal(ExitCodes.KeyRejected, launch.ExitCode);
            Assert.Contains("API key was rejected", launch.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("not-the-key", launch.Error, StringComparison.Ordinal);
            var result = RunJson.Read<RunResult>(paths.Result)!;
            Assert.Equal(ExitCodes.KeyRejected, result.ExitCode);
            Assert.Contains("API key was rejected", result.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain("not-the-key", result.Detail, StringComparison.Ordinal);
            var status = await ToolProcess.RunAsync("status", "--workdir", paths.Workdir);
            Assert.Contains("exit 3: HTTP 401 the API key was rejected", status.Out, StringComparison.Ordinal);
        }
        finally
        {
            ToolProcess.KillLeftovers(paths);
        }
    }
}
