namespace SmallCaps.Cli.Tests.Commands;

/// <summary>--help names the values an option takes and the defaults the verb really uses, in the same words everywhere.</summary>
public sealed class HelpTextTests
{
    [Theory]
    [InlineData("ingest-daily")]
    [InlineData("ingest-minute")]
    [InlineData("launch", "ingest-daily")]
    public async Task Help_BarVerb_AdjustedShowsItsValuesAndDefault(params string[] verb)
    {
        // When
        var result = await CliHarness.RunAsync([.. verb, "--help"]);

        // Then
        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.Out.Split('\n'), l => l.TrimStart().StartsWith("--adjusted", StringComparison.Ordinal));
        Assert.Contains("--adjusted <true|false>", line, StringComparison.Ordinal);
        Assert.Contains("[default: true]", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_EveryVerbWithMaxRps_DescribesItTheSameWayWithThePerHourForm()
    {
        // When
        var lines = new List<string>();
        foreach (var verb in new[] { "ingest-daily", "ingest-minute", "ingest-trades", "ingest-quotes", "select-universe" })
        {
            var result = await CliHarness.RunAsync([verb, "--help"]);
            lines.Add(Assert.Single(result.Out.Split('\n'), l => l.TrimStart().StartsWith("--max-rps", StringComparison.Ordinal)).Trim());
        }

        // Then: one wording (the column padding aside), naming N/h, the range and the default 50
        Assert.Single(lines.Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).Distinct());
        Assert.Contains("N/h (100/h)", lines[0], StringComparison.Ordinal);
        Assert.Contains("at least 1/h, at most 10000 a second", lines[0], StringComparison.Ordinal);
        Assert.Contains("[default: 50]", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Verify_NamesTheReferenceLakeNotCsvFilesNoVerbWrites()
    {
        // When
        var result = await CliHarness.RunAsync(["verify", "--help"]);

        // Then
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("reference/tickers.csv", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("reference/splits.csv", result.Out, StringComparison.Ordinal);
        Assert.Contains("delisted_date", result.Out, StringComparison.Ordinal);
        Assert.Contains("<outdir>/reference", result.Out, StringComparison.Ordinal);
    }
}
