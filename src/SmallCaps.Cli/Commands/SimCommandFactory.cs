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
        return command;
    }
}
