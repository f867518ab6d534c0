using System.Globalization;

namespace SmallCaps.Simulator.Faults;

/// <summary>
/// A deterministic fault: applies to requests whose path starts with <see cref="PathPrefix"/>, on the
/// <see cref="FirstMatch"/>-th matching request and the <see cref="Times"/>-1 after it, or on every
/// <see cref="Every"/>-th one. Syntax: <c>KIND[:PATH][@N[+TIMES]|%EVERY]</c>, e.g. <c>reset:/v2/aggs@2</c>,
/// <c>429@1+3</c>, <c>truncate:/v3/trades%5</c>.
/// </summary>
/// <param name="Kind">The fault.</param>
/// <param name="PathPrefix">Path prefix the request must have ("" for all).</param>
/// <param name="FirstMatch">1-based index of the first matching request faulted.</param>
/// <param name="Times">How many consecutive matching requests are faulted.</param>
/// <param name="Every">When above 0, every Nth matching request is faulted instead.</param>
public sealed record FaultRule(FaultKind Kind, string PathPrefix = "", int FirstMatch = 1, int Times = 1, int Every = 0)
{
    /// <summary>Parses the rule syntax.</summary>
    public static FaultRule Parse(string text)
    {
        var s = text.Trim();
        int every = 0, first = 1, times = 1;
        var pct = s.IndexOf('%', StringComparison.Ordinal);
        var at = s.IndexOf('@', StringComparison.Ordinal);
        if (pct >= 0)
        {
            every = int.Parse(s[(pct + 1)..], CultureInfo.InvariantCulture);
            s = s[..pct];
        }
        else if (at >= 0)
        {
            var tail = s[(at + 1)..];
            var plus = tail.IndexOf('+', StringComparison.Ordinal);
            first = int.Parse(plus >= 0 ? tail[..plus] : tail, CultureInfo.InvariantCulture);
            times = plus >= 0 ? int.Parse(tail[(plus + 1)..], CultureInfo.InvariantCulture) : 1;
            s = s[..at];
        }

        var colon = s.IndexOf(':', StringComparison.Ordinal);
        var kind = FaultNames.Parse(colon >= 0 ? s[..colon] : s);
        var path = colon >= 0 ? s[(colon + 1)..] : "";
        if (first < 1 || times < 1 || every < 0)
        {
            throw new FormatException($"Bad fault rule '{text}': counts start at 1.");
        }

        return new FaultRule(kind, path, first, times, every);
    }

    /// <summary>True when the <paramref name="matchIndex"/>-th (1-based) matching request is faulted.</summary>
    public bool AppliesTo(long matchIndex) =>
        Every > 0 ? matchIndex % Every == 0 : matchIndex >= FirstMatch && matchIndex < FirstMatch + Times;
}
