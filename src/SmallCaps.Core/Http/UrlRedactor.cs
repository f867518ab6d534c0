using System.Text.RegularExpressions;

namespace SmallCaps.Core.Http;

/// <summary>Removes secrets from text that is about to be logged or thrown.</summary>
internal static partial class UrlRedactor
{
    /// <summary>Replaces the value of any <c>apiKey=</c> query parameter (any case) with <c>***</c>.</summary>
    public static string Redact(string text) => ApiKeyParameter().Replace(text, "$1***");

    /// <summary>Redacts <c>apiKey=</c> and any literal occurrence of <paramref name="key"/>.</summary>
    public static string Redact(string text, ApiKey? key)
    {
        var redacted = Redact(text);
        var secret = key?.Reveal();
        return string.IsNullOrEmpty(secret) ? redacted : redacted.Replace(secret, "***", StringComparison.Ordinal);
    }

    /// <summary>The URL as it may appear in logs and exceptions.</summary>
    public static string Redact(Uri url) => Redact(url.OriginalString);

    [GeneratedRegex("(?<![A-Za-z0-9_])(api_?key=)[^&;#\\s\"']*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApiKeyParameter();
}
