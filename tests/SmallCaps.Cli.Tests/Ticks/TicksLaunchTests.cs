using SmallCaps.Cli.Tests.Runs;
using SmallCaps.Core.Runs;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ticks;

/// <summary>The tick verbs through launch: input is checked before anything starts (the happy path is in Runs/LaunchTicksTests).</summary>
public sealed class TicksLaunchTests
{
    [Fact]
    public async Task LaunchIngestQuotes_BadManifest_Exit2_NothingStarted()
    {
        // Given
        using var dir = new TempDirectory();
        var manifest = dir.Combine("manifest.csv");
        await File.WriteAllTextAsync(manifest, "ticker,session_date,start_ns,end_ns\n");
        var workdir = dir.Combine("run");

        // When
        var result = await ToolProcess.RunAsync("launch", "ingest-quotes", "--manifest", manifest, "--outdir", dir.Combine("lake"), "--api-key", "k", "--workdir", workdir);

        // Then
        Assert.True(result.ExitCode == 2, result.Error);
        Assert.Contains("no windows", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(RunPaths.For(workdir).Record));
    }
}
