using NodaTime;
using Serilog;
using SmallCaps.Cli.Commands;
using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Lake;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;
using System.CommandLine;

namespace SmallCaps.Cli.Tests.Verify;

/// <summary>A tiny lake made by the real ingest against the simulator, and a way to run the verify/backup verbs in-process.</summary>
internal static class VerifyCliLake
{
    public static async Task<TempDirectory> BuildAsync()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 31 });
        var tickers = sim.Truth.Tickers()
            .GroupBy(t => t.Ticker).Where(g => g.Count() == 1).Select(g => g.Single())
            .Where(t => t.Type == "CS" && t.DelistedDate is null && t.ListDate < new LocalDate(2022, 1, 1) && t.Ticker.All(char.IsAsciiLetterUpper))
            .Select(t => t.Ticker).Take(2).ToList();
        var dir = new TempDirectory("smallcaps-cli-verify");
        var options = new TransportOptions { BaseUrl = sim.BaseUrl, MaxRequestsPerSecond = 1000, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5) };
        using var transport = new MassiveTransport(options, ApiKey.Create(sim.ApiKey), TimeProvider.System);
        var outcome = await IngestSession.RunAsync(
            new IngestOptions { Outdir = dir.Path, Dataset = BarDataset.Daily, MaxWorkers = 2 },
            tickers,
            new IngestRange(new LocalDate(2024, 1, 1), new LocalDate(2024, 3, 31), null),
            new AggregatesBarSource(transport),
            TimeProvider.System,
            new LoggerConfiguration().CreateLogger(),
            "test",
            null,
            CancellationToken.None);
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        return dir;
    }

    /// <summary>Runs the verbs under a root command as the tool would; returns exit code, stdout and stderr.</summary>
    public static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunAsync(TimeProvider.System, args);

    /// <summary>Runs a verb on <paramref name="clock"/>.</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(TimeProvider clock, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(new CliConsole(stdout, stderr, false), clock, null, string.Join(' ', args));
        var root = new RootCommand("test") { VerifyCommandFactory.Create(context), BackupCommandFactory.Create(context) };
        var parse = root.Parse(args);
        var code = parse.Errors.Count > 0
            ? ExitCodes.BadInput
            : await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a verb on a clock that finds 10 s more elapsed at every look, so in the verb's time the run is long.</summary>
    public static Task<(int Code, string Out, string Err)> RunLongAsync(params string[] args) =>
        RunAsync(new SteppingClock(TimeProvider.System.GetUtcNow()), args);
}
