using System.Diagnostics;
using System.Runtime.Versioning;
using SmallCaps.Core.Ledger;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Samples;

/// <summary>samples/nightly-update.sh does what samples/README.md says, run by bash against a stand-in tool or the real one.</summary>
[UnsupportedOSPlatform("windows")]   // a bash sample; nightly-update.ps1 is its Windows twin
public sealed class NightlyUpdateScriptTests : IDisposable
{
    // Records each call and exits with the codes listed for its verb in FAKE_EXIT_<verb> (one per call, the last repeats).
    private const string FakeTool = """
        #!/usr/bin/env bash
        echo "$*" >> "$FAKE_CALLS"
        key="FAKE_EXIT_${1//-/_}"
        read -r -a codes <<< "${!key:-0}"
        n=$(grep -c "^$1 " "$FAKE_CALLS")
        [ "$n" -gt "${#codes[@]}" ] && n=${#codes[@]}
        exit "${codes[$((n - 1))]}"
        """;

    private readonly TempDirectory _dir = new("nightly");

    public NightlyUpdateScriptTests()
    {
        Directory.CreateDirectory(_dir.Combine("home"));
    }

    private string Calls => _dir.Combine("calls.txt");

    [Theory]
    [InlineData("4", "0", 4, new[] { "ingest-daily" })]
    [InlineData("130", "0", 130, new[] { "ingest-daily" })]
    [InlineData("3", "0", 3, new[] { "ingest-daily" })]
    [InlineData("0", "4", 4, new[] { "ingest-daily", "ingest-minute" })]
    [InlineData("0", "130", 130, new[] { "ingest-daily", "ingest-minute" })]
    public async Task Run_StepEndsWithStopCode_StopsTheNightWithoutRetryNextDatasetOrVerify(string dailyExit, string minuteExit, int expected, string[] verbsCalled)
    {
        // Given
        var fake = WriteFakeTool(_dir.Combine("bin", "smallcaps"));

        // When
        var result = await RunScriptAsync(new() { ["SMALLCAPS"] = fake, ["FAKE_EXIT_ingest_daily"] = dailyExit, ["FAKE_EXIT_ingest_minute"] = minuteExit });

        // Then: one attempt of each step reached, nothing after the stop, and the step's code is the script's
        Assert.True(result.ExitCode == expected, result.Out + result.Error);
        Assert.Equal(verbsCalled, CalledVerbs());
        Assert.Contains($"nightly update stopped with exit {expected} (verify not run)", result.Out);
    }

    [Fact]
    public async Task Run_DefaultDates_DailyAndMinuteBarsEachGetTheirOwnFrom()
    {
        // Given
        var fake = WriteFakeTool(_dir.Combine("bin", "smallcaps"));

        // When
        var defaults = await RunScriptAsync(new() { ["SMALLCAPS"] = fake });
        var defaultCalls = File.ReadAllLines(Calls);
        File.Delete(Calls);
        var chosen = await RunScriptAsync(new() { ["SMALLCAPS"] = fake, ["FROM_DAILY"] = "2010-01-04", ["FROM_MINUTE"] = "2025-01-02" });

        // Then: the README's "Real use" dates by default, each dataset its own date when set
        Assert.Equal(0, defaults.ExitCode);
        Assert.Contains(defaultCalls, c => c.StartsWith("ingest-daily ", StringComparison.Ordinal) && c.Contains("--from 2005-01-01", StringComparison.Ordinal));
        Assert.Contains(defaultCalls, c => c.StartsWith("ingest-minute ", StringComparison.Ordinal) && c.Contains("--from 2019-01-01", StringComparison.Ordinal));
        Assert.Equal(0, chosen.ExitCode);
        Assert.Contains(File.ReadAllLines(Calls), c => c.StartsWith("ingest-daily ", StringComparison.Ordinal) && c.Contains("--from 2010-01-04", StringComparison.Ordinal));
        Assert.Contains(File.ReadAllLines(Calls), c => c.StartsWith("ingest-minute ", StringComparison.Ordinal) && c.Contains("--from 2025-01-02", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_OldSingleFrom_IsRefusedWithExit2BeforeAnyFetch()
    {
        // Given
        var fake = WriteFakeTool(_dir.Combine("bin", "smallcaps"));

        // When
        var result = await RunScriptAsync(new() { ["SMALLCAPS"] = fake, ["FROM"] = "2005-01-01" });

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("set FROM_DAILY and FROM_MINUTE", result.Error);
        Assert.False(File.Exists(Calls));
    }

    [Fact]
    public async Task Run_ExitOneThenDone_RetriesOnceGoesOnAndRunsVerify()
    {
        // Given
        var fake = WriteFakeTool(_dir.Combine("bin", "smallcaps"));

        // When
        var result = await RunScriptAsync(new() { ["SMALLCAPS"] = fake, ["FAKE_EXIT_ingest_daily"] = "1 0", ["FAKE_EXIT_ingest_minute"] = "1 1" });

        // Then: daily retried to success, minute still failing after its retry: exit 1, verify run
        Assert.True(result.ExitCode == 1, result.Out + result.Error);
        Assert.Equal(["ingest-daily", "ingest-daily", "ingest-minute", "ingest-minute", "verify"], CalledVerbs());
    }

    [Fact]
    public async Task Run_VerifyCannotStart_SaysSoInsteadOfFoundProblems()
    {
        // Given
        var fake = WriteFakeTool(_dir.Combine("bin", "smallcaps"));

        // When
        var result = await RunScriptAsync(new() { ["SMALLCAPS"] = fake, ["FAKE_EXIT_verify"] = "2" });

        // Then
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("verify could not run (exit 2)", result.Out);
        Assert.DoesNotContain("verify found problems", result.Out);
    }

    [Fact]
    public async Task Run_ToolNotFound_OneClearLineAndExit2()
    {
        // Given: SMALLCAPS names nothing

        // When
        var result = await RunScriptAsync(new() { ["SMALLCAPS"] = _dir.Combine("nowhere", "smallcaps") });

        // Then: no "command not found" cascade, no exit 127, no claim that verify found problems
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: smallcaps not found", result.Error);
        Assert.DoesNotContain("verify", result.Out);
        Assert.DoesNotContain("command not found", result.Error);
    }

    [Fact]
    public async Task Run_CronPathAndToolOnlyInDotnetTools_FindsTheGlobalTool()
    {
        // Given: the tool where `dotnet tool install -g` puts it, and cron's PATH without that folder
        WriteFakeTool(_dir.Combine("home", ".dotnet", "tools", "smallcaps"));

        // When
        var result = await RunScriptAsync(new() { ["PATH"] = "/usr/bin:/bin" });

        // Then
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Equal(["ingest-daily", "ingest-minute", "verify"], CalledVerbs());
    }

    [Fact]
    public async Task Run_RealToolOnALakeAnotherRunHolds_SkipsTheNightWithExit4()
    {
        // Given: the real tool, and the lake's lock held (as a run still writing it would)
        var tool = _dir.Combine("bin", "smallcaps");
        Directory.CreateDirectory(Path.GetDirectoryName(tool)!);
        File.WriteAllText(tool, $"#!/usr/bin/env bash\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "smallcaps.dll")}' \"$@\"\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(_dir.Combine("universe.csv"), "ticker\nAAPL\n");
        Directory.CreateDirectory(_dir.Combine("lake"));
        using var held = OutdirLock.Acquire(_dir.Combine("lake"), TimeProvider.System);

        // When
        var result = await RunScriptAsync(new() { ["SMALLCAPS"] = tool, ["MASSIVE_API_KEY"] = "sim-key" });

        // Then: one attempt of the daily bars, no minute bars, no verify against a lake being written
        Assert.True(result.ExitCode == 4, result.Out + result.Error);
        Assert.Contains("ingest-daily: another run holds", result.Out);
        Assert.DoesNotContain("ingest-daily attempt 2", result.Out);
        Assert.DoesNotContain("ingest-minute", result.Out);
        Assert.False(File.Exists(_dir.Combine("work", $"verify-{NewYorkToday()}.txt")));
    }

    public void Dispose() => _dir.Dispose();

    private static string NewYorkToday() =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string WriteFakeTool(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, FakeTool.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private string[] CalledVerbs() => File.ReadAllLines(Calls).Select(c => c.Split(' ')[0]).ToArray();

    private async Task<(int ExitCode, string Out, string Error)> RunScriptAsync(Dictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(RepoPaths.Root, "samples", "nightly-update.sh"));
        psi.Environment.Clear();
        psi.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        psi.Environment["HOME"] = _dir.Combine("home");
        psi.Environment["LAKE"] = _dir.Combine("lake");
        psi.Environment["UNIVERSE"] = _dir.Combine("universe.csv");
        psi.Environment["WORKDIR"] = _dir.Combine("work");
        psi.Environment["FAKE_CALLS"] = Calls;
        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
