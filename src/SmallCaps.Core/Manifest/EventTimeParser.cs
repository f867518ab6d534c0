using NodaTime;
using NodaTime.Text;

namespace SmallCaps.Core.Manifest;

/// <summary>
/// Reads an event time written as text: Unix epoch digits (s, ms, us or ns, told apart by magnitude),
/// ISO 8601 with an offset or Z, ISO 8601 without one (local time of the configured zone), or a plain
/// date (the whole session). Times outside 1990-2100 are rejected: they are almost always a unit mix-up.
/// </summary>
internal static class EventTimeParser
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly LocalDateTimePattern[] LocalPatterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
    ];

    private static readonly long MinNs = Instant.FromUtc(1990, 1, 1, 0, 0).ToUnixTimeTicks() * 100;
    private static readonly long MaxNs = Instant.FromUtc(2100, 1, 1, 0, 0).ToUnixTimeTicks() * 100;

    /// <summary>Parses <paramref name="text"/>; returns null on success (setting one of the outputs), else the problem.</summary>
    public static string? TryParse(string text, DateTimeZone naiveZone, out long? instantNs, out LocalDate date)
    {
        instantNs = null;
        date = default;
        var value = text.Trim();
        if (value.Length == 0)
        {
            return "is empty";
        }

        if (IsInteger(value))
        {
            if (!long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                return "is out of range for an epoch time";
            }

            return FromEpoch(number, out instantNs);
        }

        if (value.Length == 10)
        {
            var d = DatePattern.Parse(value);
            if (d.Success)
            {
                date = d.Value;
                return date.Year is < 1990 or >= 2100 ? "is not between 1990 and 2100" : null;
            }
        }

        if (value.Length > 10 && value[10] == ' ')
        {
            value = string.Concat(value.AsSpan(0, 10), "T", value.AsSpan(11));
        }

        if (value.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase))
        {
            value = string.Concat(value.AsSpan(0, value.Length - 4), "Z");
        }

        foreach (var pattern in OffsetPatterns)
        {
            var r = pattern.Parse(value);
            if (r.Success)
            {
                return Checked((r.Value.ToInstant() - NodaConstants.UnixEpoch).ToInt64Nanoseconds(), out instantNs);
            }
        }

        foreach (var pattern in LocalPatterns)
        {
            var r = pattern.Parse(value);
            if (r.Success)
            {
                var instant = naiveZone.AtLeniently(r.Value).ToInstant();
                return Checked((instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds(), out instantNs);
            }
        }

        return "is not a time (expected ISO 8601 like 2024-03-15T09:31:00-04:00, a date YYYY-MM-DD, or Unix epoch s/ms/us/ns)";
    }

    /// <summary>An epoch number of unknown unit: seconds, ms, us or ns by magnitude.</summary>
    public static string? FromEpoch(long number, out long? instantNs)
    {
        instantNs = null;
        var magnitude = Math.Abs(number);
        long ns;
        try
        {
            ns = magnitude switch
            {
                < 100_000_000_000L => checked(number * 1_000_000_000L),
                < 100_000_000_000_000L => checked(number * 1_000_000L),
                < 100_000_000_000_000_000L => checked(number * 1_000L),
                _ => number,
            };
        }
        catch (OverflowException)
        {
            return "is out of range for an epoch time";
        }

        return Checked(ns, out instantNs);
    }

    /// <summary>Null when <paramref name="ns"/> lies in 1990-2100, else the problem.</summary>
    public static string? RangeProblem(long ns) =>
        ns < MinNs || ns >= MaxNs ? "is not between 1990 and 2100 (wrong epoch unit?)" : null;

    private static string? Checked(long ns, out long? instantNs)
    {
        instantNs = null;
        if (RangeProblem(ns) is { } problem)
        {
            return problem;
        }

        instantNs = ns;
        return null;
    }

    private static bool IsInteger(string value)
    {
        var start = value[0] == '-' ? 1 : 0;
        if (start == value.Length)
        {
            return false;
        }

        for (var i = start; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
