using System.Globalization;
using SmallCaps.Cli.Ingest;
using SmallCaps.Cli.Output;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Manifest;
using SmallCaps.Core.Ticks;

namespace SmallCaps.Cli.Commands;

/// <summary>
/// ingest-trades / ingest-quotes: validate everything first (nothing is created on bad input), then lock the
/// outdir, run the tick session with progress, print the summary and return the exit code.
/// </summary>
internal static class TicksCommandHandler
{
    /// <summary>The manifest's windows inside --start-date/--end-date; throws <see cref="InputException"/> on bad dates or none left.</summary>
    public static IReadOnlyList<ManifestWindow> Restrict(IReadOnlyList<ManifestWindow> windows, TicksArguments a)
    {
        var from = IngestRangeParser.ParseOptional("--start-date", a.StartDate);
        var to = IngestRangeParser.ParseOptional("--end-date", a.EndDate);
        if (from > to)
        {
            throw new InputException("--start-date is after --end-date");
        }

        var kept = windows.Where(w => (from is null || w.SessionDate >= from) && (to is null || w.SessionDate <= to)).ToList();
        return kept.Count > 0 ? kept : throw new InputException($"{a.Manifest}: no window between --start-date and --end-date");
    }

    /// <summary>
    /// Every check a tick ingest makes before it creates anything; launch runs the same before it detaches, so the
    /// two cannot drift. Throws <see cref="InputException"/>.
    /// </summary>
    public static TicksPlan Validate(TicksArguments a)
    {
        var windows = Restrict(ManifestFile.Read(a.Manifest), a);
        var hz = SampleRate(a.QuotesHz);
        var dataset = a.Kind == TickKind.Trades ? TickDataset.Trades : hz is { } h ? TickDataset.SampledQuotes(h) : TickDataset.Quotes;
        var outdir = OutputPaths.Lake("--outdir", a.Outdir);
        var connection = ApiConnection.Resolve(a.MaxRps, a.BaseUrl, a.MaxWorkers, a.ApiKey, a.Environment);
        HeldTickers.EnsureNoCaseTwin(outdir, dataset.Name, windows.Select(w => w.Ticker));
        return new TicksPlan(windows, dataset, outdir, connection);
    }

    /// <summary>--quotes-hz as a rate, or null when not given; throws <see cref="InputException"/>.</summary>
    public static double? SampleRate(string? text)
    {
        if (text is null)
        {
            return null;
        }

        // Invariant and without thousands separators: "1,5" meant as 1.5 must not become 15 Hz.
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var hz))
        {
            throw new InputException($"--quotes-hz \"{EchoedValue.Of(text)}\" is not a number of quotes per second (a dot for decimals, no thousands separators: 1.5, 1000)");
        }

        return TickDataset.SampleRateProblem(hz) is { } problem ? throw new InputException($"--quotes-hz {problem}") : hz;
    }

    public static async Task<int> RunAsync(TicksArguments a, string commandLine, CliConsole console, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (windows, dataset, outdir, (transportOptions, key)) = Validate(a);
        Directory.CreateDirectory(outdir);
        using var log = RunLogger.Create(outdir, dataset.Name, clock, consoleWarnings: true);
        log.Information("{CommandLine} (key from {KeySource})", commandLine, key.Description);
        using var transport = new MassiveTransport(transportOptions, key.Key, clock, log);
        var options = new TickIngestOptions { Outdir = outdir, Dataset = dataset, MaxWorkers = a.MaxWorkers };
        TickRunner? runner = null;
        using var stopProgress = new CancellationTokenSource();
        var rows = a.Kind == TickKind.Trades ? "trades" : "quotes";
        var reporter = new ProgressReporter(console.Out, console.Interactive, clock, rows);
        var progress = reporter.RunAsync(() => runner?.Counters?.Snapshot(), () => transport.Metrics, stopProgress.Token);

        // Under 'launch' the run's progress.json is fed the same way as for bars.
        using var published = Core.Runs.LaunchedRun.Current?.StartProgress(dataset.Name, () => runner?.Counters?.Snapshot(), () => transport.Metrics);
        IngestOutcome outcome;
        try
        {
            outcome = await TickSession.RunAsync(options, windows, new TicksClient(transport), clock, log, commandLine, r => runner = r, n => console.Error.WriteLine($"notice: {n}"), cancellationToken);
        }
        catch (Exception ex)
        {
            // Refused (outdir busy, a case twin), interrupted or crashed: the log says why, as the console does.
            RunLogger.Stopped(log, ex);
            throw;
        }
        finally
        {
            await stopProgress.CancelAsync();
            await progress;
        }

        SummaryPrinter.Print(console.Out, dataset.Name, outcome, transport.Metrics, rows);
        if (outcome.FatalError is { } stoppedBy)
        {
            // A scheduled run's log must say why it stopped, as the console does (Information: the console has it already).
            log.Information("error: {Reason}", stoppedBy);
        }

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
}
