using System.Globalization;
using NodaTime.Text;
using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Universe;

namespace SmallCaps.Cli.Commands;

/// <summary>Validates the select-universe options (one line, exit 2, nothing written), runs the selection and maps its outcome and API refusals to exit codes.</summary>
internal static class SelectUniverseHandler
{
    public static async Task<int> RunAsync(SelectUniverseArguments a, CliConsole console, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = NewYorkTime.SessionDateOfMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        NodaTime.LocalDate? date = null;
        if (a.Date is not null)
        {
            var parsed = LocalDatePattern.Iso.Parse(a.Date);
            if (!parsed.Success)
            {
                throw new InputException($"--date \"{EchoedValue.Of(a.Date)}\" is not a date (YYYY-MM-DD)");
            }

            if (parsed.Value > today)
            {
                throw new InputException($"--date {a.Date} is in the future (today in New York is {ReferenceDates.Format(today)})");
            }

            date = parsed.Value;
        }

        var options = new UniverseOptions
        {
            Types = [.. SplitList(a.Types, "--types").Select(t => t.ToUpperInvariant())],
            Exchanges = [.. SplitList(a.Exchanges, "--exchanges").Select(e => e.ToUpperInvariant())],
            CapMax = a.CapMax is null ? null : ParseCap(a.CapMax),
            IncludeDelisted = a.IncludeDelisted,
            Date = date,
        };
        if (a.Details is not null && a.SnapshotDir is null)
        {
            throw new InputException("--details goes with --snapshot-dir (the API path fetches ticker details itself)");
        }

        if (a.CorporateActions && a.Outdir is null)
        {
            throw new InputException("--corporate-actions needs --outdir (the lake the reference datasets go to)");
        }

        // Checked now: the selection may send thousands of requests before it writes them.
        OutputPaths.Distinct(
            ("--out-csv", OutputPaths.OutputFile("--out-csv", a.OutCsv)),
            ("--out-parquet", a.OutParquet is null ? null : OutputPaths.OutputFile("--out-parquet", a.OutParquet)));
        var outdir = a.Outdir is null ? null : OutputPaths.Lake("--outdir", a.Outdir);
        if (outdir is not null)
        {
            Core.Verify.LedgerView.EnsureKnownVersion(outdir);
        }

        var request = new UniverseRequest
        {
            Options = options,
            Today = today,
            SnapshotDirectory = a.SnapshotDir,
            DetailsPath = a.Details,
            OutCsv = a.OutCsv,
            OutParquet = a.OutParquet,
            Outdir = outdir,
            FetchCorporateActions = a.CorporateActions,
            CommandLine = a.CommandLine,
        };
        // Transport warnings (429s, retries, outages) reach stderr; the funnel and task lines go to stdout. With --outdir
        // both also go to <outdir>/_logs/, opened on the first line so a busy outdir still gets nothing written.
        using var log = RunLogger.Create(request.Outdir, "select-universe", clock, consoleWarnings: true, openOnFirstEvent: true, out var logOpened);
        using var output = new LoggedTextWriter(console.Out, log);
        using var warnings = new LoggedTextWriter(console.Error, log);
        using var transport = a.SnapshotDir is null ? CreateTransport(a, clock, log) : null;
        try
        {
            // With --outdir the run takes the outdir lock first: a busy outdir ends with exit 4 before anything is written.
            var outcome = await new UniverseRunner(transport, output, clock, warnings).RunAsync(request, cancellationToken);
            if (outcome.Failure is { } failure)
            {
                await console.Error.WriteLineAsync($"error: {failure}");
                log.Information("error: {Failure}", failure);
            }
            else if (outcome.FailedTasks > 0)
            {
                var line = string.Create(CultureInfo.InvariantCulture, $"error: {outcome.FailedTasks} reference files failed (see the lines above); run the same command again to fetch only those");
                await console.Error.WriteLineAsync(line);
                log.Information("{Line}", line);
            }

            log.Information("exit code {ExitCode}", outcome.ExitCode);

            return outcome.ExitCode;
        }
        catch (UniverseInputException ex)
        {
            var input = new InputException(ex.Message, ex);
            if (logOpened())
            {
                RunLogger.Stopped(log, input);
            }

            throw input;
        }
        catch (MassiveApiException ex) when (ex.Kind == MassiveErrorKind.NotEntitled)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}");
            log.Information("error: {Message}", ex.Message);
            log.Information("exit code {ExitCode}", ExitCodes.KeyRejected);
            return ExitCodes.KeyRejected;
        }
        catch (Exception ex) when (ex is not OutdirLockedException || logOpened())
        {
            // Interrupted, key refused or crashed: the log ends the way the console does (a busy outdir gets no log).
            RunLogger.Stopped(log, ex);
            throw;
        }
    }

    private static MassiveTransport CreateTransport(SelectUniverseArguments a, TimeProvider clock, Serilog.ILogger log)
    {
        var (options, key) = ApiConnection.Resolve(a.MaxRps, a.BaseUrl, a.MaxWorkers, a.ApiKey, a.Environment, "; or read a local snapshot with --snapshot-dir");
        return new MassiveTransport(options, key.Key, clock, log);
    }

    private static string[] SplitList(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length > 0 ? items : throw new InputException($"{option} is empty");
    }

    /// <summary>Parses 2000000000, 2e9, 2B, 500M, 750k (invariant culture).</summary>
    internal static double ParseCap(string text)
    {
        var t = text.Trim().Replace("_", "", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal);
        var factor = 1.0;
        if (t.Length > 0 && char.ToUpperInvariant(t[^1]) is 'K' or 'M' or 'B' or 'T' && !t.EndsWith('e'))
        {
            factor = char.ToUpperInvariant(t[^1]) switch { 'K' => 1e3, 'M' => 1e6, 'B' => 1e9, _ => 1e12 };
            t = t[..^1];
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value * factor > 0 && double.IsFinite(value * factor)
            ? value * factor
            : throw new InputException($"--cap-max \"{EchoedValue.Of(text)}\" is not a positive amount (e.g. 2000000000, 2e9, 2B, 500M)");
    }
}
