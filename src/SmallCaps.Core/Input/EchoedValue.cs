using System.Globalization;
using System.Text;

namespace SmallCaps.Core.Input;

/// <summary>A value of the user's as an error line may quote it: control characters escaped, long values cut.</summary>
public static class EchoedValue
{
    /// <summary>The most characters of a value an error line quotes.</summary>
    public const int MaxLength = 60;

    /// <summary>The most characters of a path an error line quotes (real paths are longer than values).</summary>
    public const int MaxPathLength = 400;

    /// <summary>
    /// <paramref name="value"/> with control characters as <c>\uXXXX</c> (the line stays one line) and cut after
    /// <paramref name="maxLength"/> characters with an ellipsis (a 5 MB cell does not become a 5 MB line).
    /// </summary>
    public static string Of(string? value, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = new StringBuilder(Math.Min(value.Length, maxLength) + 8);
        foreach (var c in value.Length > maxLength ? value[..maxLength] : value)
        {
            text.Append(char.IsControl(c) ? $"\\u{((int)c).ToString("x4", CultureInfo.InvariantCulture)}" : c);
        }

        return value.Length > maxLength ? text.Append('…').ToString() : text.ToString();
    }
}
