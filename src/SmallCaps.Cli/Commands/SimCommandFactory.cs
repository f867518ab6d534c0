using System.CommandLine;
using SmallCaps.Core.Input;
using SmallCaps.Simulator;

namespace SmallCaps.Cli.Commands;

/// <summary><c>smallcaps sim</c>: serves the Massive-compatible simulator until Ctrl+C; prints the base URL first.</summary>
internal static class SimCommandFactory
{
    public static Command Create(CliContext context)
    {
        var command = new Command("sim", "Serve the simulated Massive API on 127.0.0.1 (prints the base URL first; Ctrl+C stops).");
        var single = new List<(string Name, Option<string?> Option)>();
        var repeated = new List<(string Name, Option<string[]> Option)>();
        foreach (var info in SimulatorCommandLine.Options)
        {
            var description = $"{info.Description} (default {info.DefaultValue})";
            if (info.Repeatable)
            {
                var o = new Option<string[]>(info.Name) { Description = description, HelpName = info.ValueName };
                repeated.Add((info.Name, o));
                command.Add(o);
            }
            else
            {
                var o = new Option<string?>(info.Name) { Description = description, HelpName = info.ValueName };
                single.Add((info.Name, o));
                command.Add(o);
            }
        }

        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var options = new SimulatorOptions();
            try
            {
                foreach (var (name, option) in single)
                {
                    if (r.GetValue(option) is { } value)
                    {
                        SimulatorCommandLine.Apply(options, name, value);
                    }
                }

                foreach (var (name, option) in repeated)
                {
                    foreach (var value in r.GetValue(option) ?? [])
                    {
                        SimulatorCommandLine.Apply(options, name, value);
                    }
                }

                options.Validate();
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw new InputException(ex.Message, ex);
            }

            return await SimulatorCommandLine.RunAsync(options, context.Console.Out, ct);
        });
        command.Add(CreateExport(context));
        return command;
    }

    // Only the options that shape the generated market change what `sim export` prints.
    private static readonly HashSet<string> MarketOptions = new(StringComparer.Ordinal) { "--seed", "--universe-size", "--as-of", "--data-start", "--well-known", "--exponent-volumes" };

    // `sim export`: the exact rows the simulator serves for a ticker, dataset and window (its ground truth) as CSV.
    private static Command CreateExport(CliContext context)
    {
        var export = new Command("export", "Write the simulator's ground truth (the exact rows it serves) for a ticker, dataset and window as CSV.");
        var bound = new List<(string Name, Option<string[]> Option)>();
        foreach (var info in SimulatorCommandLine.ExportOptions.Concat(SimulatorCommandLine.Options.Where(o => MarketOptions.Contains(o.Name))))
        {
            var option = new Option<string[]>(info.Name)
            {
                Description = info.DefaultValue.StartsWith('(') ? $"{info.Description} {info.DefaultValue}" : $"{info.Description} (default {info.DefaultValue})",
                HelpName = info.ValueName,
                AllowMultipleArgumentsPerToken = false,
            };
            bound.Add((info.Name, option));
            export.Add(option);
        }

        export.SetAction((ParseResult r) =>
        {
            var args = new List<string>();
            foreach (var (name, option) in bound)
            {
                foreach (var value in r.GetValue(option) ?? [])
                {
                    args.Add(name);
                    args.Add(value);
                }
            }

            return SimulatorCommandLine.RunExport(args, context.Console.Out, context.Console.Error);
        });
        return export;
    }
}
