using System.CommandLine;
using SmallCaps.Cli.Commands;
using SmallCaps.Cli.Ingest;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ticks;

namespace SmallCaps.Cli;

/// <summary>Builds the verbs, parses, runs, and maps every outcome to an exit code in one place.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, TimeProvider clock, IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(console, clock, environment, CommandLineText.Redacted(args));
        var parse = Root(context).Parse(args);

        // Only the parse knows every spelling it took for --api-key; the key's value is hidden wherever it occurs.
        var keys = KnownKeys.Of(parse, args, environment);
        context.CommandLine = CommandLineText.Redacted(args, keys);
        if (parse.Errors.Count > 0)
        {
            foreach (var line in ParseErrorText.Lines(parse))
            {
                await console.Error.WriteLineAsync($"error: {CommandLineText.HideSecrets(line, keys)}");
            }

            await console.Error.WriteLineAsync("run 'smallcaps --help' for usage");
            return ExitCodes.BadInput;
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception ex)
        {
            using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            var code = IngestCommandHandler.ExitCodeFor(ex, line);
            await console.Error.WriteAsync(CommandLineText.HideSecrets(line.ToString(), keys));
            return code;
        }
    }

    /// <summary>Every verb; built per invocation because the handlers close over the context.</summary>
    internal static RootCommand Root(CliContext context) =>
        new("smallcaps: a local Parquet lake of US small-cap market data (bars, trades, quotes, reference) from the Massive (Polygon.io) API.")
        {
            IngestCommandFactory.Create("ingest-daily", BarDataset.Daily, "Fetch daily bars for every ticker of the CSV into <outdir>/bars_1d.", context),
            IngestCommandFactory.Create("ingest-minute", BarDataset.Minute, "Fetch 1-minute bars for every ticker of the CSV into <outdir>/bars_1m.", context),
            SelectUniverseCommandFactory.Create(context),
            ManifestCommandFactory.Create(context),
            TicksCommandFactory.Create(TickKind.Trades, context),
            TicksCommandFactory.Create(TickKind.Quotes, context),
            LaunchCommandFactory.Create(context),
            LaunchDetachedCommandFactory.Create(context),
            StatusCommandFactory.Create(context),
            StopCommandFactory.Create(context),
            VerifyCommandFactory.Create(context),
            BackupCommandFactory.Create(context),
            DemoCommandFactory.Create(context),
            SimCommandFactory.Create(context),
        };
}
