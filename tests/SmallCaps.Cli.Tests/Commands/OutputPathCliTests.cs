using SmallCaps.Core.Ingest;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Commands;

/// <summary>Output paths are checked before any request: one line naming the option, exit 2, nothing written.</summary>
public sealed class OutputPathCliTests
{
    [Theory]
    [InlineData("--out-csv", "{file}/u.csv", "--out-csv")]
    [InlineData("--out-csv", "", "--out-csv is empty")]
    [InlineData("--out-csv", "{dir}", "is a folder, not a file")]
    [InlineData("--out-parquet", "{dir}/u.csv", "--out-csv and --out-parquet name the same file")]
    [InlineData("--outdir", "{file}", "--outdir")]
    public async Task SelectUniverse_BadOutputPath_ExitTwoBeforeAnyRequest(string option, string value, string expected)
    {
        // Given: an API that does not answer, so a check made after the selection would fail differently
        using var dir = new TempDirectory();
        var file = dir.Combine("plain-file");
        File.WriteAllText(file, "x");
        string Fill(string v) => v.Replace("{file}", file, StringComparison.Ordinal).Replace("{dir}", dir.Path, StringComparison.Ordinal);
        string[] outCsv = option == "--out-csv" ? [] : ["--out-csv", dir.Combine("u.csv")];

        // When
        var result = await CliHarness.RunAsync(["select-universe", .. outCsv, option, Fill(value), "--api-key", "k", "--base-url", "http://127.0.0.1:9/"]);

        // Then
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
        Assert.Equal(["plain-file"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("{file}")]
    [InlineData("{file}/sub")]
    [InlineData("")]
    public async Task Demo_OutdirUnusable_ExitTwoNamingIt(string outdir)
    {
        // Given
        using var dir = new TempDirectory();
        var file = dir.Combine("plain-file");
        File.WriteAllText(file, "x");

        // When
        var result = await CliHarness.RunAsync(["demo", "--outdir", outdir.Replace("{file}", file, StringComparison.Ordinal), "--tickers", "1"]);

        // Then
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith("error: --outdir", result.Error.Trim());
        Assert.Equal("x", File.ReadAllText(file));
    }
}
