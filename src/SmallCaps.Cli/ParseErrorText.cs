using System.CommandLine;
using System.CommandLine.Parsing;
using SmallCaps.Core.Input;

namespace SmallCaps.Cli;

/// <summary>Parse errors in the user's terms: what an option takes and what it got, not .NET type names.</summary>
internal static class ParseErrorText
{
    /// <summary>One line per error.</summary>
    public static IEnumerable<string> Lines(ParseResult parse)
    {
        // A flag does not take a value it cannot read, so "--adjusted maybe" leaves "maybe" unmatched.
        var afterFlag = FlagValues(parse).ToDictionary(v => v.Value, v => v.Flag, StringComparer.Ordinal);
        foreach (var error in parse.Errors)
        {
            if (error.SymbolResult is OptionResult { Tokens: [var token, ..] } option && Takes(option.Option.ValueType) is { } takes)
            {
                yield return $"{option.Option.Name} takes {takes} (got '{EchoedValue.Of(token.Value)}')";
            }
            else if (afterFlag.Count > 0 && afterFlag.FirstOrDefault(f => error.Message.Contains($"'{f.Key}'", StringComparison.Ordinal)) is { Key: not null } flag)
            {
                yield return $"{flag.Value} takes true or false (got '{EchoedValue.Of(flag.Key)}')";
            }
            else
            {
                // The parser quotes the token it refused whole: a pasted 5 MB value must not become a 5 MB line.
                yield return EchoedValue.Of(error.Message, EchoedValue.MaxPathLength);
            }
        }
    }

    private static IEnumerable<(string Flag, string Value)> FlagValues(ParseResult parse)
    {
        var tokens = parse.Tokens;
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.Argument && tokens[i - 1].Type == TokenType.Option && parse.UnmatchedTokens.Contains(tokens[i].Value)
                && parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == tokens[i - 1].Value || o.Aliases.Contains(tokens[i - 1].Value)) is { ValueType: var type }
                && (type == typeof(bool) || type == typeof(bool?)))
            {
                yield return (tokens[i - 1].Value, tokens[i].Value);
            }
        }
    }

    private static string? Takes(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "a whole number",
        var t when t == typeof(double) || t == typeof(decimal) => "a number",
        var t when t == typeof(bool) => "true or false",
        _ => null,
    };
}
