using SmallCaps.Cli.Output;
using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Cli.Ingest;

/// <summary>
/// ingest-daily / ingest-minute: validate everything first (nothing is created on bad input), then
/// lock the outdir, run the session with progress, print the summary and return the exit code.
/// </summary>
internal static class IngestCommandHandler
{
    /// <summary>
    /// Every check of the options, the inputs and the lake a bars ingest makes before it creates anything; launch
    /// runs the same before it detaches, so the two cannot drift. Throws <see cref="InputException"/>.
    /// </summary>
    public static IngestPlan Validate(IngestArguments a, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(a.TickersCsv))
        {
            throw new InputException("--tickers-csv is empty");
        }

        var tickers = TickerListReader.Read(a.TickersCsv);
        var range = IngestRangeParser.Parse(a.From, a.To, clock);
        var outdir = OutputPaths.Lake("--outdir", a.Outdir);
        var connection = ApiConnection.Resolve(a.MaxRps, a.BaseUrl, a.MaxWorkers, a.ApiKey, a.Environment);
        var former = a.FormerTickers ? FormerTickers.Load(outdir, tickers.Tickers, range) : null;
        var plan = new IngestPlan(tickers, range, outdir, connection, former);
        HeldTickers.EnsureNoCaseTwin(outdir, a.Dataset.Name, plan.Asked);
        return plan;
    }

    public static async Task<int> RunAsync(IngestArguments a, string commandLine, CliConsole console, TimeProvider clock, CancellationToken cancellationToken)
    {
        // 1. Validate: every problem is one line and exit code 2, before the outdir exists.
        var (tickers, range, outdir, (transportOptions, key), former) = Validate(a, clock);

        // 2. Run.
        Directory.CreateDirectory(outdir);
        using var log = RunLogger.Create(outdir, a.Dataset.Name, clock, consoleWarnings: true);
        foreach (var warning in tickers.Warnings)
        {
            // The console gets it once, here; the log's console sink only echoes Warning and above.
            await console.Error.WriteLineAsync($"warning: {warning}");
            log.Information("warning: {Warning}", warning);
        }

        if (range.Notice is { } notice)
        {
            // The log keeps the --to asked for: its range line shows only the clamped one.
            await console.Error.WriteLineAsync($"notice: {notice}");
            log.Information("notice: {Notice}", notice);
        }

        if (former is not null)
        {
            await FormerTickerNotices.WriteAsync(console.Error, former, tickers.Tickers.Count, log);
        }

        log.Information("{CommandLine} (key from {KeySource})", commandLine, key.Description);
        using var transport = new MassiveTransport(transportOptions, key.Key, clock, log);
        var source = new AggregatesBarSource(transport);
        var options = new IngestOptions { Outdir = outdir, Dataset = a.Dataset, Adjusted = a.Adjusted, MaxWorkers = a.MaxWorkers, TickerRanges = former?.Ranges, RetryNotEntitled = a.RetryNotEntitled };
        IngestRunner? runner = null;
        using var stopProgress = new CancellationTokenSource();
        var reporter = new ProgressReporter(console.Out, console.Interactive, clock);
        var progress = reporter.RunAsync(() => runner?.Counters?.Snapshot(), () => transport.Metrics, stopProgress.Token);

        // Under 'launch', the workdir's progress.json is fed from the same counters.
        using var published = Core.Runs.LaunchedRun.Current?.StartProgress(a.Dataset.Name, () => runner?.Snapshot(), () => transport.Metrics);
        IngestOutcome outcome;
        try
        {
            outcome = await IngestSession.RunAsync(options, former?.Tickers ?? tickers.Tickers, range, source, clock, log, commandLine, r => runner = r, cancellationToken);
        }
        catch (Exception ex)
        {
            // Refused (outdir busy, adjusted mismatch), interrupted or crashed: the log says why, as the console does.
            RunLogger.Stopped(log, ex);
            throw;
        }
        finally
        {
            await stopProgress.CancelAsync();
            await progress;
        }

        SummaryPrinter.Print(console.Out, a.Dataset.Name, outcome, transport.Metrics);
        log.Information("Finished: {Summary}, exit {ExitCode}", IngestSummary.OneLine(outcome), outcome.ExitCode);
        if (outcome.FatalError is { } fatal)
        {
            if (Core.Runs.LaunchedRun.Current is { } launched)
            {
                launched.StoppedBecause = fatal;
            }

            await console.Error.WriteLineAsync($"error: {fatal}");
        }

        return outcome.ExitCode;
    }

    /// <summary>Maps what a verb threw to the contract's exit codes, printing one line.</summary>
    public static int ExitCodeFor(Exception ex, TextWriter error)
    {
        switch (ex)
        {
            case InputException:
                error.WriteLine($"error: {ex.Message}");
                return ExitCodes.BadInput;
            case OutdirLockedException:
                error.WriteLine($"error: {ex.Message}");
                return ExitCodes.OutdirLocked;
            case MassiveApiException { IsRunFatal: true } fatal:
                error.WriteLine($"error: {ex.Message}");
                return ExitCodes.ForRunFatal(fatal);
            case Core.Output.ResultNotReplacedException:
                error.WriteLine($"error: {ex.Message}");
                return ExitCodes.SomeFailed;
            case OperationCanceledException:
                error.WriteLine("interrupted; run the same command again to resume");
                return ExitCodes.Interrupted;
            case var full when Core.Lake.DiskFull.Is(full):
                error.WriteLine($"error: {Core.Lake.DiskFull.Line(ex)}");
                return ExitCodes.SomeFailed;
            default:
                error.WriteLine($"error: {ex.GetType().Name}: {ex.Message}");
                return ExitCodes.SomeFailed;
        }
    }
}
