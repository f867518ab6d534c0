using System.Diagnostics;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Runs;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Faults;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Runs;

/// <summary>stop's "resume with" line, pasted into a shell in another folder, resumes the same run on the same lake.</summary>
public sealed class ResumeLineTests
{
    [Fact]
    public async Task Stop_RunLaunchedWithRelativePathsAndSupervisorOptions_ResumeLineWorksFromAnotherFolder()
    {
        // Given: a slow supervised run launched from dir/here with relative paths and a workdir bash would expand
        var options = new SimulatorOptions { UniverseSize = 300, Seed = 49, SlowDelay = TimeSpan.FromSeconds(1) };
        options.FaultRates[FaultKind.Slow] = 1.0;
        await using var sim = await SimulatorHost.StartAsync(options);
        using var dir = new TempDirectory();
        var here = dir.Combine("here");
        Directory.CreateDirectory(here);
        CliHarness.WriteTickers(here, CliHarness.CommonStocks(sim, 2));
        var paths = RunPaths.For(Path.Combine(here, "wd$HOME"));
        try
        {
            var launched = await ToolProcess.RunInAsync(here, "launch", "ingest-daily", "--tickers-csv", "tickers.csv", "--outdir", "lake", "--from", "2023-01-01", "--to", "2023-12-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString(), "--max-workers", "1", "--workdir", "wd$HOME", "--supervise", "--max-crashes", "7");
            Assert.True(launched.ExitCode == 0, launched.Error);

            // When
            var stop = await ToolProcess.RunAsync("stop", "--workdir", paths.Workdir, "--timeout", "30");
            var line = stop.Out.Split('\n').Single(l => l.StartsWith("resume with: smallcaps launch ", StringComparison.Ordinal))["resume with: smallcaps ".Length..].Trim();
            var elsewhere = dir.Combine("elsewhere");
            Directory.CreateDirectory(elsewhere);
            var resumed = await BashAsync(elsewhere, $"dotnet '{Path.Combine(AppContext.BaseDirectory, "smallcaps.dll")}' {line}", sim.ApiKey);

            // Then: same workdir, same lake, supervisor settings kept
            Assert.Contains($"--tickers-csv {Path.Combine(here, "tickers.csv")} --outdir {Path.Combine(here, "lake")}", line);
            Assert.Contains("--max-crashes 7", line);
            Assert.True(resumed.ExitCode == 0, resumed.Error);
            var record = RunJson.Read<RunRecord>(paths.Record)!;
            Assert.Equal(Path.Combine(here, "lake"), record.Outdir);
            Assert.True(record.Supervised);
            Assert.False(Directory.Exists(Path.Combine(elsewhere, "lake")));
            Assert.Equal(0, (await ToolProcess.RunAsync("stop", "--workdir", paths.Workdir, "--timeout", "30")).ExitCode);
        }
        finally
        {
            ToolProcess.KillLeftovers(paths);
        }
    }

    [Fact]
    public async Task Stop_RunRecordOfAnOlderBuildWithRelativePaths_ResumeLineResumesTheSameLakeFromAnotherFolder()
    {
        // Given: a run.json as builds before resumeCommandLine wrote it (command line as typed in dir/here, absolute outdir and CSV); its process is gone
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 50 });
        using var dir = new TempDirectory();
        var here = dir.Combine("here");
        var elsewhere = dir.Combine("elsewhere");
        Directory.CreateDirectory(here);
        Directory.CreateDirectory(elsewhere);
        var names = CliHarness.CommonStocks(sim, 3);
        CliHarness.WriteTickers(here, names.Take(2));
        CliHarness.WriteTickers(elsewhere, names.Skip(2));
        var paths = RunPaths.For(dir.Combine("wd"));
        Directory.CreateDirectory(paths.Workdir);
        RunJson.Write(paths.Record, new RunRecord
        {
            RunId = "20261122T055532Z-8d79",
            Verb = "ingest-daily",
            Dataset = "bars_1d",
            CommandLine = $"smallcaps ingest-daily --tickers-csv tickers.csv --outdir lake --from 2023-01-01 --to 2023-03-31 --base-url {sim.BaseUrl} --max-workers 1",
            Outdir = Path.Combine(here, "lake"),
            TickersCsv = Path.Combine(here, "tickers.csv"),
            From = "2023-01-01",
            To = "2023-03-31",
            Pid = 0,
            Host = Environment.MachineName,
            StartedAt = DateTimeOffset.UtcNow.AddHours(-1),
            LogPath = Path.Combine(paths.Workdir, "logs", "20261122T055532Z-8d79.log"),
        });
        try
        {
            // When: stop (nothing runs) prints the line, pasted in a folder with a tickers.csv of its own
            var stop = await ToolProcess.RunInAsync(elsewhere, "stop", "--workdir", paths.Workdir);
            var line = stop.Out.Split('\n').Single(l => l.StartsWith("resume with: smallcaps launch ", StringComparison.Ordinal))["resume with: smallcaps ".Length..].Trim();
            var resumed = await BashAsync(elsewhere, $"dotnet '{Path.Combine(AppContext.BaseDirectory, "smallcaps.dll")}' {line}", sim.ApiKey);
            Assert.True(resumed.ExitCode == 0, resumed.Error);
            var end = await ToolProcess.WaitForEndAsync(paths, TimeSpan.FromSeconds(60));

            // Then: the lake and tickers of the launch, nothing in the other folder
            Assert.Equal((RunState.Finished, 0), (end.State, end.Result!.ExitCode));
            Assert.Equal(Path.Combine(here, "lake"), end.Run!.Outdir);
            Assert.Equal(Path.Combine(here, "tickers.csv"), end.Run.TickersCsv);
            Assert.False(Directory.Exists(Path.Combine(elsewhere, "lake")));
        }
        finally
        {
            ToolProcess.KillLeftovers(paths);
        }
    }

    private static async Task<ToolProcess.Result> BashAsync(string workingDirectory, string script, string apiKey)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.Environment["MASSIVE_API_KEY"] = apiKey;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ToolProcess.Result(process.ExitCode, await stdout, await stderr);
    }
}
