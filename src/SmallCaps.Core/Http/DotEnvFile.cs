namespace SmallCaps.Core.Http;

/// <summary>
/// Reads <c>NAME=value</c> lines the way dotenv tools do: <c>#</c> comments, blank lines, an optional
/// <c>export </c> prefix, single or double quotes, and an inline <c> #</c> comment after unquoted values.
/// </summary>
internal static class DotEnvFile
{
    /// <summary>Parses the text; a later line wins over an earlier one with the same name.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal) || line.StartsWith("export\t", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var name = line[..eq].Trim();
            values[name] = ParseValue(line[(eq + 1)..].TrimStart());
        }

        return values;
    }

    private static string ParseValue(string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        var quote = value[0];
        if (quote is '"' or '\'')
        {
            return ParseQuoted(value, quote);
        }

        // Unquoted: an inline comment starts at a '#' preceded by whitespace.
        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] == '#' && char.IsWhiteSpace(value[i - 1]))
            {
                return value[..i].TrimEnd();
            }
        }

        return value.TrimEnd();
    }

    private static string ParseQuoted(string value, char quote)
    {
        var result = new System.Text.StringBuilder(value.Length);
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == quote)
            {
                return result.ToString();
            }

            // Double quotes allow backslash escapes of the quote and the backslash; single quotes are literal.
            if (quote == '"' && c == '\\' && i + 1 < value.Length && value[i + 1] is '"' or '\\')
            {
                result.Append(value[++i]);
                continue;
            }

            result.Append(c);
        }

        // No closing quote: keep what follows the opening one rather than guess.
        return result.ToString();
    }
}
