using SmallCaps.Core.Ingest;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Runs;

/// <summary>status and stop say a run record is unreadable instead of reporting no run (which would hide a live one).</summary>
public sealed class RunRecordInputTests
{
    [Theory]
    [InlineData("status")]
    [InlineData("stop")]
    public async Task StatusOrStop_CorruptRunJson_ExitTwoNamingIt(string verb)
    {
        // Given
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("run.json"), "{ \"runId\": ");

        // When
        var result = await CliHarness.RunAsync([verb, "--workdir", dir.Path]);

        // Then
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith($"error: {dir.Combine("run.json")} is unreadable", result.Error.Trim());
        Assert.DoesNotContain("no run launched", result.Out + result.Error);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("1001")]
    public async Task Status_LinesOutOfRange_ExitTwo(string lines)
    {
        using var dir = new TempDirectory();

        var result = await CliHarness.RunAsync(["status", "--workdir", dir.Path, "--lines", lines]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal($"error: --lines must be between 0 and 1000 (got {lines})", result.Error.Trim());
    }
}
