using System.CommandLine;
using System.Globalization;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
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
        var universe = new Option<string?>("--universe") { Description = "CSV with ticker, list_date, delisted_utc (default: <outdir>/reference/tickers.csv if present).", HelpName = "FILE" };
        var splits = new Option<string?>("--splits") { Description = "CSV with ticker, execution_date, split_from, split_to (default: <outdir>/reference/splits.csv if present).", HelpName = "FILE" };
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
            try
            {
                if (!Directory.Exists(dir))
                {
                    throw new InputException($"--outdir {dir} does not exist");
                }

                var volumeTolerance = r.GetValue(tolerance);
                if (volumeTolerance is < 0 or > 1 || double.IsNaN(volumeTolerance))
                {
                    throw new InputException(string.Create(CultureInfo.InvariantCulture, $"--volume-tolerance must be between 0 and 1 (got {volumeTolerance})"));
                }

                foreach (var file in new[] { r.GetValue(universe), r.GetValue(splits) }.OfType<string>().Where(f => !File.Exists(f)))
                {
                    throw new InputException($"{file}: file not found");
                }

                var reference = ReferenceView.Load(dir, r.GetValue(universe), r.GetValue(splits));
                var options = new VerifyOptions { Outdir = dir, Reference = reference, VolumeTolerance = volumeTolerance, Clock = context.Clock };
                report = await Task.Run(() => LakeVerifier.Run(options, ct), ct);
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

            if (r.GetValue(html) is { } htmlPath)
            {
                var full = Path.GetFullPath(htmlPath);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                var temp = full + ".tmp";
                await File.WriteAllTextAsync(temp, VerifyHtmlReport.Render(report), ct);
                File.Move(temp, full, overwrite: true);
                await info.WriteLineAsync($"html report: {full}");
            }

            return report.IsClean ? ExitCodes.Ok : ExitCodes.SomeFailed;
        });
        return command;
    }
}
