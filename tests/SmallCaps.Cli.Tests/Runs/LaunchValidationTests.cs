using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Manifest;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Runs;

/// <summary>launch checks its verb's input with the verb's own checks: bad input is exit 2 on the terminal, nothing created.</summary>
public sealed class LaunchValidationTests
{
    private const string Bars = "--tickers-csv {csv} --outdir {lake} --from 2024-01-02 --to 2024-01-05 --api-key k";
    private const string Ticks = "--manifest {manifest} --outdir {lake} --api-key k";

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "ingest-daily", Bars + " --max-workers 0", "--max-workers" },
        { "ingest-daily", Bars + " --max-rps banana", "--max-rps" },
        { "ingest-daily", Bars + " --max-rps 0.0000001", "--max-rps" },
        { "ingest-daily", Bars + " --base-url ftp://x", "--base-url" },
        { "ingest-daily", Bars + " --base-url https://api.polygon.io/v2", "API root" },
        { "ingest-daily", Bars + " --free-plan --max-workers 16", "--free-plan" },
        { "ingest-minute", Bars.Replace("{lake}", "{file}/sub", StringComparison.Ordinal), "--outdir" },
        { "ingest-minute", Bars.Replace("{lake}", "{file}", StringComparison.Ordinal), "--outdir" },
        { "ingest-minute", Bars.Replace("{lake}", "{lakeWithLogsFile}", StringComparison.Ordinal), "_logs" },
        { "ingest-minute", Bars.Replace("{csv}", "{empty}", StringComparison.Ordinal), "--tickers-csv is empty" },
        { "ingest-minute", Bars.Replace("{lake}", "{empty}", StringComparison.Ordinal), "--outdir is empty" },
        { "ingest-quotes", Ticks + " --quotes-hz -1", "--quotes-hz" },
        { "ingest-trades", Ticks + " --start-date 2030-13-01", "--start-date" },
        { "ingest-trades", Ticks + " --max-rps 0", "--max-rps" },
        { "ingest-trades", Ticks + " --base-url http://u:p@127.0.0.1:9/", "--base-url" },
        { "ingest-trades", Ticks.Replace("{lake}", "{file}/sub", StringComparison.Ordinal), "--outdir" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task VerbAndLaunch_SameBadInput_BothExitTwoWithTheSameLineNothingCreated(string verb, string options, string expected)
    {
        // Given
        using var dir = new TempDirectory();
        var args = Args(dir, options);
        var workdir = dir.Combine("wd");

        // When
        var foreground = await CliHarness.RunAsync([verb, .. args]);
        var launched = await ToolProcess.RunAsync(["launch", verb, .. args, "--workdir", workdir]);

        // Then: one line naming the problem, the same both ways, and no lake, lock or workdir
        Assert.Equal(ExitCodes.BadInput, foreground.ExitCode);
        var line = Assert.Single(foreground.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r');
        Assert.Contains(expected, line);
        Assert.Equal((ExitCodes.BadInput, line), (launched.ExitCode, launched.Error.Trim()));
        Assert.False(Directory.Exists(dir.Combine("lake")));
        Assert.False(Directory.Exists(workdir));
    }

    [Theory]
    [InlineData("--restart-delay", "NaN")]
    [InlineData("--restart-delay", "1e308")]
    [InlineData("--restart-delay", "-1")]
    [InlineData("--crash-window", "NaN")]
    [InlineData("--crash-window", "1e308")]
    [InlineData("--stall-timeout", "1e308")]
    [InlineData("--stall-timeout", "0")]
    [InlineData("--workdir", "{file}/wd")]
    [InlineData("--workdir", "{file}")]
    public async Task Launch_BadRunOption_ExitTwoNamingItNothingCreated(string option, string value)
    {
        // Given
        using var dir = new TempDirectory();
        var workdir = dir.Combine("wd");
        string[] run = option == "--workdir" ? [] : ["--workdir", workdir];

        // When
        var result = await ToolProcess.RunAsync(["launch", "ingest-daily", .. Args(dir, Bars), .. run, "--supervise", option, Args(dir, value)[0]]);

        // Then
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith($"error: {option}", result.Error.Trim());
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.False(Directory.Exists(dir.Combine("lake")));
        Assert.False(Directory.Exists(workdir));
    }

    // The options with their placeholders filled: a tickers CSV, a manifest, the lake, a plain file, an empty value.
    private static string[] Args(TempDirectory dir, string options)
    {
        var csv = CliHarness.WriteTickers(dir.Path, ["AAPL"]);
        var manifest = dir.Combine("manifest.csv");
        var day = new LocalDate(2024, 3, 15);
        File.WriteAllText(manifest, $"ticker,session_date,start_ns,end_ns\nAAPL,2024-03-15,{SessionHours.OpenNs(day)},{SessionHours.CloseNs(day)}\n");
        var file = dir.Combine("plain-file");
        File.WriteAllText(file, "x");
        var withLogsFile = dir.Combine("other-lake");
        Directory.CreateDirectory(withLogsFile);
        File.WriteAllText(Path.Combine(withLogsFile, "_logs"), "x");
        return options.Split(' ').Select(a => a
            .Replace("{csv}", csv, StringComparison.Ordinal)
            .Replace("{manifest}", manifest, StringComparison.Ordinal)
            .Replace("{lakeWithLogsFile}", withLogsFile, StringComparison.Ordinal)
            .Replace("{lake}", dir.Combine("lake"), StringComparison.Ordinal)
            .Replace("{file}", file, StringComparison.Ordinal)
            .Replace("{empty}", string.Empty, StringComparison.Ordinal)).ToArray();
    }
}
