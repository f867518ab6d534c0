using System.CommandLine;
using SmallCaps.Core.Http;

namespace SmallCaps.Cli.Ingest;

/// <summary>Every value that may be the user's key, so no printed or recorded text can carry one.</summary>
internal static class KnownKeys
{
    /// <summary>
    /// The parser's reading of <c>--api-key</c> (whatever spelling it accepted), the values after near misses of it
    /// (<c>--api_key K</c>), and the keys of the environment and the working directory's <c>.env</c>.
    /// </summary>
    public static IReadOnlyList<string> Of(ParseResult parse, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment)
    {
        var keys = new List<string>(CommandLineText.KeyValues(args));
        if (parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--api-key") is { } option && parse.GetResult(option) is { } given)
        {
            keys.AddRange(given.Tokens.Select(t => t.Value));
        }

        keys.AddRange(ApiKeyResolver.KnownValues(environment ?? ApiKeyResolver.ProcessEnvironment(), Directory.GetCurrentDirectory()));
        return keys;
    }
}
