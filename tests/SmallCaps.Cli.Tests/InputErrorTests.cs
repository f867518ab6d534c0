using SmallCaps.Core.Ingest;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests;

public sealed class InputErrorTests
{
    [Theory]
    [InlineData("ticker\nAAA\nBR/K\n", "2020-01-01", "2020-12-31", ":3:", "BR/K")]
    [InlineData("ticker\nAAA\n..\n", "2020-01-01", "2020-12-31", ":3:", "..")]
    [InlineData("ticker\nAAA\n", "2020-02-30", "2020-12-31", "--from", "2020-02-30")]
    [InlineData("ticker\nAAA\n", "2021-01-01", "2020-12-31", "--from", "2021-01-01")]
    public async Task IngestDaily_BadInput_ExitTwoOneLineNothingCreated(string csv, string from, string to, string where, string value)
    {
        // Given
        using var dir = new TempDirectory();
        var tickers = dir.Combine("u.csv");
        File.WriteAllText(tickers, csv);
        var outdir = dir.Combine("lake");

        // When
        var result = await CliHarness.RunAsync(["ingest-daily", "--tickers-csv", tickers, "--outdir", outdir, "--from", from, "--to", to, "--api-key", "k"]);

        // Then
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(where, line);
        Assert.Contains(value, line);
        Assert.False(Directory.Exists(outdir));
    }

    [Theory]
    [InlineData("--max-workers", "abc", "--max-workers takes a whole number (got 'abc')")]
    [InlineData("--max-workers", "1.5", "--max-workers takes a whole number (got '1.5')")]
    [InlineData("--adjusted", "maybe", "--adjusted takes true or false (got 'maybe')")]
    [InlineData("--adjusted=maybe", null, "--adjusted takes true or false (got 'maybe')")]
    public async Task IngestDaily_OptionValueOfTheWrongKind_SaysWhatTheOptionTakes(string option, string? value, string expected)
    {
        // Given
        using var dir = new TempDirectory();
        var tickers = dir.Combine("u.csv");
        File.WriteAllText(tickers, "ticker\nAAA\n");
        var outdir = dir.Combine("lake");
        string[] args = ["ingest-daily", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2020-01-01", "--to", "2020-02-01", "--api-key", "k", option];

        // When
        var result = await CliHarness.RunAsync(value is null ? args : [.. args, value]);

        // Then: the one error line, then the pointer to --help
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal([$"error: {expected}", "run 'smallcaps --help' for usage"], result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.False(Directory.Exists(outdir));
    }

    [Fact]
    public async Task IngestMinute_MissingRequiredOption_ExitTwo()
    {
        var result = await CliHarness.RunAsync(["ingest-minute", "--outdir", "x"]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--tickers-csv", result.Error);
    }

    [Fact]
    public async Task IngestDaily_NoKeyAnywhere_ExitTwoNamingTheVariables()
    {
        using var dir = new TempDirectory();
        var tickers = dir.Combine("u.csv");
        File.WriteAllText(tickers, "ticker\nAAA\n");

        var result = await CliHarness.RunAsync(["ingest-daily", "--tickers-csv", tickers, "--outdir", dir.Combine("lake"), "--from", "2020-01-01", "--to", "2020-02-01"]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("MASSIVE_API_KEY", result.Error);
        Assert.False(Directory.Exists(dir.Combine("lake")));
    }

    [Fact]
    public async Task Root_Help_ExitZeroListsVerbs()
    {
        var result = await CliHarness.RunAsync(["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ingest-daily", result.Out);
        Assert.Contains("ingest-minute", result.Out);
        Assert.Contains("demo", result.Out);
    }
}
