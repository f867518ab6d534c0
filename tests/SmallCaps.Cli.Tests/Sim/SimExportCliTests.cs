using System.Globalization;
using NodaTime;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Truth;

namespace SmallCaps.Cli.Tests.Sim;

public sealed class SimExportCliTests
{
    [Theory]
    [InlineData("day", "true")]
    [InlineData("minute", "false")]
    public async Task SimExport_Window_PrintsExactlyTheGroundTruthRows(string dataset, string adjusted)
    {
        // Given
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 11 };
        var from = new LocalDate(2024, 3, 8);
        var to = new LocalDate(2024, 3, 12);
        var truth = GroundTruth.For(options)
            .Bars("AAPL", dataset == "day" ? SimDataset.DayBars : SimDataset.MinuteBars, from, to, adjusted == "true")
            .ToList();

        // When
        var result = await CliHarness.RunAsync(["sim", "export", "--ticker", "AAPL", "--dataset", dataset, "--from", "2024-03-08", "--to", "2024-03-12", "--adjusted", adjusted, "--universe-size", "300", "--seed", "11"]);

        // Then
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("t,", lines[0], StringComparison.Ordinal);
        Assert.NotEmpty(truth);
        Assert.Equal(truth.Count, lines.Length - 1);
        for (var i = 0; i < truth.Count; i++)
        {
            var cells = lines[i + 1].Split(',');
            Assert.Equal(truth[i].Timestamp, long.Parse(cells[0], CultureInfo.InvariantCulture));
            Assert.Equal(truth[i].Close, double.Parse(cells[4], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task SimExport_UnknownDataset_ExitsTwoWithOneLine()
    {
        // When
        var result = await CliHarness.RunAsync(["sim", "export", "--ticker", "AAPL", "--dataset", "hourly", "--from", "2024-03-08", "--to", "2024-03-08"]);

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--dataset", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("2024-03-12", "2024-03-08", "error: --from 2024-03-12 is after --to 2024-03-08.")]
    [InlineData("2024-03-08", "soon", "error: --to: 'soon' is not a YYYY-MM-DD date.")]
    [InlineData("2024-03-08", null, "error: --ticker, --from and --to are required.")]
    public async Task SimExport_BadWindow_ExitsTwoWithOneErrorLineAndNoRows(string from, string? to, string expected)
    {
        // When
        var result = await CliHarness.RunAsync(["sim", "export", "--ticker", "AAPL", "--dataset", "day", "--from", from, .. to is null ? Array.Empty<string>() : ["--to", to]]);

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.Error.Trim());
        Assert.Empty(result.Out);
    }
}
