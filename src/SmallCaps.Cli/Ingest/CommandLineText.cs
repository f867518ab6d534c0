namespace SmallCaps.Cli.Ingest;

/// <summary>The command line as the ledger and logs record it: the key value replaced by ***.</summary>
internal static class CommandLineText
{
    /// <summary>Secrets shorter than this are not searched for in free text: they would match ordinary words.</summary>
    private const int ShortestSearchedSecret = 4;

    /// <summary>
    /// The arguments after <c>smallcaps</c>, each quoted as a shell takes it back, with the value of every spelling of
    /// the key option (<c>--api-key K</c>, <c>=K</c>, <c>:K</c>, any case, near misses like <c>--api_key</c>) and every
    /// occurrence of a known key value replaced by <c>***</c>.
    /// </summary>
    /// <param name="args">The arguments as the process got them.</param>
    /// <param name="secrets">Key values to hide wherever they occur (the parsed --api-key, the environment's, the .env's).</param>
    public static string Redacted(IReadOnlyList<string> args, IEnumerable<string>? secrets = null)
    {
        var parts = new List<string>(args.Count + 1) { "smallcaps" };
        var hidden = RedactedArguments(args);
        parts.AddRange(hidden.Select(Quote));
        return HideSecrets(string.Join(' ', parts), secrets);
    }

    /// <summary>The arguments with the value of every spelling of the key option replaced by <c>***</c>.</summary>
    public static IReadOnlyList<string> RedactedArguments(IReadOnlyList<string> args)
    {
        var parts = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (IsKeyOption(a))
            {
                parts.Add(a);
                if (i + 1 < args.Count)
                {
                    parts.Add("***");
                    i++;
                }
            }
            else if (a.IndexOfAny(['=', ':']) is > 0 and var separator && IsKeyOption(a[..separator]))
            {
                parts.Add(a[..(separator + 1)] + "***");
            }
            else
            {
                parts.Add(a);
            }
        }

        return parts;
    }

    /// <summary>The values that follow any spelling of the key option, as a user may have typed them.</summary>
    public static IEnumerable<string> KeyValues(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (IsKeyOption(args[i]) && i + 1 < args.Count)
            {
                yield return args[i + 1];
            }
            else if (args[i].IndexOfAny(['=', ':']) is > 0 and var separator && IsKeyOption(args[i][..separator]))
            {
                yield return args[i][(separator + 1)..];
            }
        }
    }

    /// <summary>
    /// True for <c>--api-key</c> and what a user may type for it: any case, one or two dashes, with <c>_</c>, <c>-</c>
    /// or nothing between the words (<c>--api_key</c>, <c>--apikey</c>, <c>-API-KEY</c>, <c>--key</c>).
    /// </summary>
    public static bool IsKeyOption(string token)
    {
        var name = token.TrimStart('-');
        if (name.Length == token.Length || token.Length - name.Length > 2)
        {
            return false;
        }

        var letters = name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return letters.Equals("apikey", StringComparison.OrdinalIgnoreCase) || letters.Equals("key", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every occurrence of a secret (of at least 4 characters) replaced by <c>***</c>; the longest first, so no part of one survives.</summary>
    public static string HideSecrets(string text, IEnumerable<string>? secrets)
    {
        foreach (var secret in (secrets ?? []).Where(s => s.Length >= ShortestSearchedSecret).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>An argument as a shell takes it back: in double quotes when it holds a space (bash and PowerShell alike).</summary>
    public static string Quote(string argument) => argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument;

    /// <summary>The argument as this platform's shell takes it back literally, for a line the user pastes (resume, follow).</summary>
    public static string ForShell(string argument) => OperatingSystem.IsWindows() ? QuoteForWindows(argument) : QuoteForPosix(argument);

    /// <summary>bash/sh: single quotes keep <c>$</c>, backticks, globs and spaces literal; a quote inside becomes <c>'\''</c>.</summary>
    internal static string QuoteForPosix(string argument) =>
        argument.Length > 0 && argument.All(IsPosixPlain) ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>PowerShell and cmd both take double quotes around a path with spaces or separators.</summary>
    internal static string QuoteForWindows(string argument) =>
        argument.Length > 0 && !argument.Any(ch => char.IsWhiteSpace(ch) || ch is '&' or '|' or '<' or '>' or '^' or ';' or ',' or '(' or ')' or '\'' or '`' or '{' or '}' or '@' or '#')
            ? argument
            : "\"" + argument.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static bool IsPosixPlain(char ch) => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.' or '/' or ',' or ':' or '=' or '+' or '@' or '%';
}
