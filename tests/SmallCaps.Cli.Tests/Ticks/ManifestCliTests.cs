using SmallCaps.Core.Manifest;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ticks;

public sealed class ManifestCliTests
{
    [Theory]
    [InlineData("sym,timestamp\nABC,2024-03-15T10:00:00Z\n", ":1: missing ticker column")]
    [InlineData("ticker,timestamp\nABC,2024-03-15T10:00:00Z\nXYZ,not-a-time\n", ":3: time \"not-a-time\"")]
    [InlineData("ticker,timestamp\nAB*C,2024-03-15T10:00:00Z\n", ":2: ticker \"AB*C\"")]
    public async Task Manifest_BadEvents_Exit2_OneLine_NoManifest(string csv, string expected)
    {
        // Given
        using var dir = new TempDirectory();
        var events = dir.Combine("events.csv");
        await File.WriteAllTextAsync(events, csv);
        var output = dir.Combine("manifest.parquet");

        // When
        var result = await CliHarness.RunAsync(["manifest", "--events", events, "--out", output]);

        // Then
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(events + expected, line, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--before", "soon")]
    [InlineData("--start-date", "2024-02-30")]
    [InlineData("--time-zone", "Mars/Olympus")]
    public async Task Manifest_BadOption_Exit2_NamesTheOption(string option, string value)
    {
        // Given
        using var dir = new TempDirectory();
        var events = dir.Combine("events.csv");
        await File.WriteAllTextAsync(events, "ticker,timestamp\nABC,2024-03-15T10:00:00Z\n");

        // When
        var result = await CliHarness.RunAsync(["manifest", "--events", events, "--out", dir.Combine("m.csv"), option, value]);

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("m.csv")));
    }

    [Fact]
    public async Task Manifest_GoodEvents_WritesMergedWindows()
    {
        // Given
        using var dir = new TempDirectory();
        var events = TickLake.WriteEvents(dir.Path, ["ABC", "XYZ"]);
        var output = dir.Combine("manifest.csv");

        // When
        var result = await CliHarness.RunAsync(["manifest", "--events", events, "--out", output, "--before", "5m", "--after", "15m"]);

        // Then
        Assert.Equal(0, result.ExitCode);
        var windows = ManifestFile.Read(output);
        Assert.Equal(2, windows.Count);
        Assert.All(windows, w => Assert.Equal(TickLake.Window(), (w.StartNs, w.EndNs)));
        Assert.Contains("4 events -> 2 windows", result.Out, StringComparison.Ordinal);
    }
}
