using SmallCaps.Simulator.Faults;
using SmallCaps.Simulator.Truth;

namespace SmallCaps.Simulator.Tests.CommandLine;

public sealed class SimulatorCommandLineTests
{
    [Fact]
    public void Parse_AllKindsOfOptions_SetTheOptions()
    {
        // Given / When
        var o = SimulatorOptions.Parse(["--port", "0", "--seed=9", "--universe-size", "500", "--as-of", "2024-12-31", "--minute-history-from", "2020-01-01",
            "--quotes", "false", "--rate-limit", "5", "--faults", "chaos", "--fault", "reset=0.1", "--fault-rule", "429:/v2/aggs@2+3", "--slow-ms", "10"]);

        // Then
        Assert.Equal(9, o.Seed);
        Assert.Equal(500, o.UniverseSize);
        Assert.Equal(new NodaTime.LocalDate(2024, 12, 31), o.AsOf);
        Assert.Equal(new NodaTime.LocalDate(2020, 1, 1), o.MinuteHistoryFrom);
        Assert.False(o.QuotesEntitled);
        Assert.Equal(5, o.RateLimitPerSecond);
        Assert.True(o.Chaos);
        Assert.Equal(0.1, o.FaultRates[FaultKind.ConnectionReset]);
        Assert.Equal(new FaultRule(FaultKind.TooManyRequests, "/v2/aggs", 2, 3), o.FaultRules[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(10), o.SlowDelay);
    }

    [Theory]
    [InlineData("--seed", "x")]
    [InlineData("--fault", "boom=0.1")]
    [InlineData("--as-of", "2024-13-01")]
    [InlineData("--nope", "1")]
    public void Parse_BadValue_ThrowsOneLineNamingTheOption(string name, string value)
    {
        // Given / When
        var e = Assert.Throws<FormatException>(() => SimulatorOptions.Parse([name, value]));

        // Then
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void HelpText_DocumentsEveryOptionWithItsDefault()
    {
        // Given / When
        var help = SimulatorCommandLine.HelpText();

        // Then seed, universe, plan, rate limit and faults are documented
        foreach (var o in SimulatorCommandLine.Options)
        {
            Assert.Contains(o.Name, help, StringComparison.Ordinal);
            Assert.Contains($"[default: {o.DefaultValue}]", help, StringComparison.Ordinal);
        }

        Assert.Contains("--rate-limit", help, StringComparison.Ordinal);
        Assert.Contains("chaos", help, StringComparison.Ordinal);
    }

    [Fact]
    public void FaultRule_Every_AppliesToEveryNth()
    {
        // Given / When
        var rule = FaultRule.Parse("truncate:/v3/trades%3");

        // Then
        Assert.Equal(new[] { false, false, true, false, false, true }, Enumerable.Range(1, 6).Select(i => rule.AppliesTo(i)));
    }

    [Fact]
    public void RunExport_MinuteBars_WritesExactlyTheGroundTruthRows()
    {
        // Given an export request
        using var output = new StringWriter();
        using var error = new StringWriter();

        // When
        var code = SimulatorCommandLine.RunExport(["--universe-size", "300", "--ticker", "AAPL", "--dataset", "minute", "--from", "2024-03-07", "--to", "2024-03-07", "--adjusted", "false"], output, error);

        // Then one CSV row per bar, header first
        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var bars = GroundTruth.For(new SimulatorOptions { UniverseSize = 300 }).Bars("AAPL", SimDataset.MinuteBars, new NodaTime.LocalDate(2024, 3, 7), new NodaTime.LocalDate(2024, 3, 7), adjusted: false).ToList();
        Assert.Equal("t,o,h,l,c,v,vw,n", lines[0]);
        Assert.Equal(bars.Count + 1, lines.Length);
        Assert.StartsWith(bars[0].Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PrintsBaseUrlFirstAndStopsOnCancel()
    {
        // Given a serve loop writing to a buffer
        using var output = new StringWriter();
        using var cts = new CancellationTokenSource();
        var run = SimulatorCommandLine.RunAsync(new SimulatorOptions { UniverseSize = 50 }, output, cts.Token);

        // When its first line appears and Ctrl+C is simulated
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!output.ToString().Contains('\n') && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var firstLine = output.ToString().Split('\n')[0];
        using (var http = new HttpClient())
        {
            var status = (await http.GetAsync(new Uri(firstLine + "/v3/reference/tickers/types?apiKey=sim-key"))).StatusCode;
            Assert.Equal(System.Net.HttpStatusCode.OK, status);
        }

        await cts.CancelAsync();

        // Then it returns 0
        Assert.Matches("^http://127\\.0\\.0\\.1:\\d+$", firstLine);
        Assert.Equal(0, await run);
    }
}
