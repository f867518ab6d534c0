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
    [InlineData("--before", "\u0663\u0660m")]
    [InlineData("--out", "")]
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

    [Fact]
    public async Task Manifest_FourBadRows_Exit2_EveryOneOnItsOwnLine_NoManifest()
    {
        // Given
        using var dir = new TempDirectory();
        var events = dir.Combine("events.csv");
        await File.WriteAllTextAsync(events, "ticker,timestamp\nABC,notatime\nal,2024-03-15T10:00:00Z\nABC,2024-13-01\n,2024-03-15T10:00:00Z\nABC,2024-03-15T10:00:00Z\n");
        var output = dir.Combine("m.csv");

        // When
        var result = await CliHarness.RunAsync(["manifest", "--events", events, "--out", output]);

        // Then
        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal(["2", "3", "4", "5"], lines.Select(l => Assert.IsType<string>(l[$"error: {events}:".Length..].Split(':')[0])));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Manifest_OutIsTheEventsFile_Exit2_EventsKept()
    {
        // Given
        using var dir = new TempDirectory();
        var events = TickLake.WriteEvents(dir.Path, ["ABC"]);
        var before = await File.ReadAllTextAsync(events);

        // When
        var result = await CliHarness.RunAsync(["manifest", "--events", events, "--out", Path.Combine(dir.Path, ".", Path.GetFileName(events))]);

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(events));
    }

    [Fact]
    public async Task Manifest_OutUnderAFile_Exit2_NamesOut_NothingWritten()
    {
        // Given
        using var dir = new TempDirectory();
        var events = TickLake.WriteEvents(dir.Path, ["ABC"]);
        var file = dir.Combine("f");
        await File.WriteAllTextAsync(file, "x");

        // When
        var result = await CliHarness.RunAsync(["manifest", "--events", events, "--out", Path.Combine(file, "m.csv")]);

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --out {Path.Combine(file, "m.csv")}: {file} is a file, not a folder", result.Error.Trim());
        Assert.Equal("x", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Manifest_EventsIsAFolder_Exit2_SaysFolder()
    {
        // Given
        using var dir = new TempDirectory();

        // When
        var result = await CliHarness.RunAsync(["manifest", "--events", dir.Path, "--out", dir.Combine("m.csv")]);

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a folder, not a file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manifest_UnreadableEvents_Exit2()
    {
        // Given
        using var dir = new TempDirectory();
        using var events = new UnreadableFile(dir.Combine("e.csv"));

        // When
        var result = await CliHarness.RunAsync(["manifest", "--events", events.Path, "--out", dir.Combine("m.csv")]);

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {events.Path}: cannot read", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("m.csv")));
    }

    [Fact]
    public async Task Manifest_ZeroLengthWindows_Exit2_NamesBeforeAndAfter()
    {
        // Given
        using var dir = new TempDirectory();
        var events = TickLake.WriteEvents(dir.Path, ["ABC"]);

        // When
        var result = await CliHarness.RunAsync(["manifest", "--events", events, "--out", dir.Combine("m.csv"), "--before", "0m", "--after", "0m"]);

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --before and --after are both 0: every window would be empty", result.Error.Trim());
    }

    [Fact]
    public async Task Manifest_OnlyWeekendEvents_Exit2_SaysTheNyseWasClosed()
    {
        // Given: 2024-03-16 was a Saturday
        using var dir = new TempDirectory();
        var events = dir.Combine("events.csv");
        await File.WriteAllTextAsync(events, "ticker,timestamp\nABC,2024-03-16T10:00:00-04:00\n");

        // When
        var result = await CliHarness.RunAsync(["manifest", "--events", events, "--out", dir.Combine("m.csv")]);

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {events}: no window left (1 events on days the NYSE was closed, first: ABC 2024-03-16, a Saturday); nothing written", result.Error.Trim());
    }
}
