using System.CommandLine;
using System.CommandLine.Parsing;
using SmallCaps.Core.Input;

namespace SmallCaps.Cli.Commands;

/// <summary><c>--free-plan</c>: one worker at 5 requests a minute; with --max-workers or --max-rps too, which one wins is unclear, so neither does.</summary>
internal static class FreePlan
{
    /// <summary>Whether --free-plan is on; throws <see cref="InputException"/> when --max-workers or --max-rps is given with it.</summary>
    public static bool IsOn(ParseResult r)
    {
        if (!r.GetValue<bool>("--free-plan"))
        {
            return false;
        }

        var given = r.CommandResult.Children.OfType<OptionResult>().Where(o => !o.Implicit && o.Option.Name is "--max-workers" or "--max-rps").Select(o => o.Option.Name).ToList();
        return given.Count == 0
            ? true
            : throw new InputException($"--free-plan sets one worker and 5 requests a minute: give --free-plan or {string.Join(" and ", given)}, not both");
    }
}
