using SmallCaps.Core.Runs;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Runs;

public sealed class RunJsonTests
{
    [Fact]
    public void Write_ThenRead_RoundTripsAndLeavesNoTempFile()
    {
        // Given
        using var dir = new TempDirectory();
        var path = dir.Combine("result.json");
        var result = new RunResult("r1", RunState.Stopped, 130, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "stop requested");

        // When
        RunJson.Write(path, result);
        RunJson.Write(path, result with { Detail = "second" });
        var read = RunJson.Read<RunResult>(path);

        // Then
        Assert.Equal(result with { Detail = "second" }, read);
        Assert.Equal(["result.json"], Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName));
        Assert.Contains("\"state\": \"stopped\"", File.ReadAllText(path));
    }

    [Fact]
    public void Read_MissingOrTruncatedFile_ReturnsNull()
    {
        // Given
        using var dir = new TempDirectory();
        var broken = dir.Combine("run.json");
        File.WriteAllText(broken, "{\"runId\": \"x\", \"pi");

        // When / Then
        Assert.Null(RunJson.Read<RunRecord>(dir.Combine("absent.json")));
        Assert.Null(RunJson.Read<RunRecord>(broken));
    }
}
