using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using SmallCaps.Core.Input;

namespace SmallCaps.Core.Manifest;

/// <summary>Parses window durations: <c>30m</c>, <c>90s</c>, <c>2h</c>, <c>1h30m</c>, <c>500ms</c> or <c>HH:MM[:SS]</c>; at most 16 hours.</summary>
public static partial class DurationText
{
    /// <summary>Parses <paramref name="text"/> for <paramref name="option"/>; throws <see cref="InputException"/>.</summary>
    public static Duration Parse(string option, string text)
    {
        var value = (text ?? string.Empty).Trim();
        Duration? result = null;
        if (TimeSpan.TryParseExact(value, [@"hh\:mm", @"hh\:mm\:ss", @"h\:mm", @"h\:mm\:ss"], CultureInfo.InvariantCulture, out var span))
        {
            result = Duration.FromTimeSpan(span);
        }
        else if (Units().Match(value) is { Success: true } m && m.Length > 0)
        {
            var total = Duration.Zero;
            foreach (Capture c in m.Groups["part"].Captures)
            {
                var part = Part().Match(c.Value);
                var n = long.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
                total += part.Groups[2].Value switch
                {
                    "h" => Duration.FromHours(n),
                    "m" or "min" => Duration.FromMinutes(n),
                    "s" => Duration.FromSeconds(n),
                    _ => Duration.FromMilliseconds(n),
                };
            }

            result = total;
        }

        if (result is not { } d)
        {
            throw new InputException($"{option} \"{value}\" is not a duration (examples: 30m, 90s, 1h30m, 00:30)");
        }

        if (d > Duration.FromHours(16))
        {
            throw new InputException($"{option} {value} is longer than a 16-hour session; use --whole-session");
        }

        return d;
    }

    [GeneratedRegex(@"^(?<part>[0-9]{1,6}(?:ms|min|h|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Units();

    [GeneratedRegex(@"^([0-9]+)(ms|min|h|m|s)$", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
