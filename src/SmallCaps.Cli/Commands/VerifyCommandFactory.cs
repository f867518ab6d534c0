using System.CommandLine;
using System.Globalization;
using SmallCaps.Cli.Output;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Output;
using SmallCaps.Core.Verify;

namespace SmallCaps.Cli.Commands;

/// <summary>
/// <c>smallcaps verify --outdir D [--json] [--html F] [--universe F] [--splits F]</c>: checks the
/// lake; prints a summary table (or JSON), optionally writes the HTML report. Exit 0 clean, 1 with
/// findings, 2 bad input.
/// </summary>
internal static class VerifyCommandFactory
{
    public static Command Create(CliContext context)
    {
        var outdir = new Option<string>("--outdir") { Description = "The lake to check.", Required = true, HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout (for scripts)." };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report (coverage map, worst findings).", HelpName = "FILE" };
        var universe = new Option<string?>("--universe") { Description = "CSV with ticker and optional list_date, delisted_utc or delisted_date, read on top of the reference lake select-universe --outdir wrote (<outdir>/reference, always read when present).", HelpName = "FILE" };
        var splits = new Option<string?>("--splits") { Description = "CSV with ticker, execution_date, split_from, split_to, read on top of the splits in the reference lake (<outdir>/reference/splits, always read when present).", HelpName = "FILE" };
        var tolerance = new Option<double>("--volume-tolerance") { Description = "Relative daily vs minute volume difference allowed.", DefaultValueFactory = _ => 0.02, HelpName = "RATIO" };
        var command = new Command("verify", "Check the lake: ledger against files, Parquet integrity, bar sanity, completeness against the NYSE calendar, stale splits.")
        {
            outdir, json, html, universe, splits, tolerance,
        };
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var console = context.Console;
            var dir = r.GetValue(outdir)!;
            VerifyReport report;
            string? htmlPath;
            try
            {
                if (File.Exists(dir))
                {
                    throw new InputException($"--outdir {dir} is a file, not a folder");
                }

                if (!Directory.Exists(dir))
                {
                    throw new InputException($"--outdir {dir} does not exist");
                }

                // Checked before the lake is read: a report is never lost to a path that cannot take it.
                htmlPath = r.GetValue(html) is { } given ? HtmlTarget(given) : null;

                var volumeTolerance = r.GetValue(tolerance);
                if (volumeTolerance is < 0 or > 1 || double.IsNaN(volumeTolerance))
                {
                    throw new InputException(string.Create(CultureInfo.InvariantCulture, $"--volume-tolerance must be between 0 and 1 (got {volumeTolerance})"));
                }

                foreach (var (option, file) in new[] { ("--universe", r.GetValue(universe)), ("--splits", r.GetValue(splits)) })
                {
                    if (file is not null && !File.Exists(file))
                    {
                        throw new InputException($"{option} {file}: file not found");
                    }
                }

                // The given CSVs are input (a bad one is exit 2); the lake's own reference files are checked (a bad one is a finding).
                var csvs = ReferenceView.ReadCsvs(r.GetValue(universe), r.GetValue(splits));
                var options = new VerifyOptions { Outdir = dir, ReferenceCsvs = csvs, VolumeTolerance = volumeTolerance, Clock = context.Clock };
                report = await WorkWithProgress.RunAsync(console, context.Clock, p => LakeVerifier.Run(options with { Progress = p }, ct), s => WorkProgressLine.Format(s), ct);
            }
            catch (InputException ex)
            {
                await console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }

            var info = r.GetValue(json) ? console.Error : console.Out;
            if (r.GetValue(json))
            {
                using var buffer = new MemoryStream();
                VerifyJsonReport.Write(report, buffer);
                await console.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
            else
            {
                VerifyTextReport.Write(report, console.Out);
            }

            if (htmlPath is not null)
            {
                var temp = ResultFile.TempFor(htmlPath);
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(htmlPath)!);
                    await File.WriteAllTextAsync(temp, VerifyHtmlReport.Render(report), ct);
                    await ResultFile.ReplaceAsync(temp, htmlPath, context.Clock);
                }
                catch (ResultNotReplacedException ex)
                {
                    // The report is complete, only the old file is held: exit 1, as for a run that could not finish its output.
                    await console.Error.WriteLineAsync($"error: --html: {ex.Message}");
                    return ExitCodes.SomeFailed;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    await console.Error.WriteLineAsync($"error: --html {r.GetValue(html)}: {ex.Message}");
                    return ExitCodes.BadInput;
                }
                finally
                {
                    File.Delete(temp);
                }

                await info.WriteLineAsync($"html report: {htmlPath}");
            }

            return report.IsClean ? ExitCodes.Ok : ExitCodes.SomeFailed;
        });
        return command;
    }

    // The full path the HTML report goes to; an InputException when it names a folder or lies under a file.
    private static string HtmlTarget(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InputException("--html needs a file name");
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full) || Path.EndsInDirectorySeparator(path) || string.IsNullOrEmpty(Path.GetFileName(full)))
        {
            throw new InputException($"--html {path} is a folder; name the report file, e.g. {Path.Combine(path, "report.html")}");
        }

        for (var parent = Path.GetDirectoryName(full); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
            {
                throw new InputException($"--html {path}: {parent} is a file, not a folder");
            }

            if (Directory.Exists(parent))
            {
                break;
            }
        }

        return full;
    }
}
