using System.Text.RegularExpressions;

namespace SmallCaps.Core.Input;

/// <summary>
/// What a ticker may look like. Tickers become folder names (<c>ticker=XYZ</c>), so anything that
/// could escape the outdir or confuse a file system is rejected, not cleaned.
/// </summary>
internal static partial class TickerRules
{
    /// <summary>Longest ticker accepted; vendor tickers are far shorter.</summary>
    public const int MaxLength = 16;

    /// <summary>Returns null when <paramref name="ticker"/> is acceptable, else the reason.</summary>
    public static string? Problem(string ticker)
    {
        if (ticker.Length == 0)
        {
            return "is empty";
        }

        if (ticker.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters";
        }

        foreach (var ch in ticker)
        {
            if (char.IsControl(ch))
            {
                return "contains a control character";
            }

            if (ch is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' or '=' or ' ')
            {
                return $"contains '{ch}', which cannot be part of a folder name";
            }
        }

        if (ticker.Contains("..", StringComparison.Ordinal) || ticker[0] == '.' || ticker[^1] == '.')
        {
            return "has a leading, trailing or double dot";
        }

        if (!Allowed().IsMatch(ticker))
        {
            return "may only hold letters A-Z, digits, '.' and '-'";
        }

        // A ticker without any upper-case letter is a lower-cased list, not a vendor symbol.
        if (!ticker.Any(char.IsAsciiLetterUpper) && ticker.Any(char.IsAsciiLetterLower))
        {
            return $"is lower case (vendor tickers are upper case: did you mean {ticker.ToUpperInvariant()}?)";
        }

        return null;
    }

    /// <summary>
    /// A ticker asked for that differs only in case from one the outdir already holds, with that one; null when none
    /// does. On Windows and macOS the two share a folder, so the new one's files would replace the held one's.
    /// </summary>
    public static (string Held, string Asked)? CaseTwinOfHeld(IEnumerable<string> asked, IEnumerable<string> held)
    {
        var folders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var ticker in held)
        {
            folders.TryAdd(ticker, ticker);
        }

        foreach (var ticker in asked)
        {
            if (folders.TryGetValue(ticker, out var other) && other != ticker)
            {
                return (other, ticker);
            }
        }

        return null;
    }

    /// <summary>The one-line reason <see cref="CaseTwinOfHeld"/> found, for input errors.</summary>
    public static string CaseTwinOfHeldProblem((string Held, string Asked) twins) =>
        $"ticker \"{twins.Asked}\" differs only in case from \"{twins.Held}\", which this outdir already holds; Windows and macOS would give both one folder";

    [GeneratedRegex("^[A-Za-z0-9.\\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
