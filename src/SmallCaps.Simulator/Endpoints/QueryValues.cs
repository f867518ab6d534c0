using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SmallCaps.Core.Calendar;
using SmallCaps.Simulator.Paging;

namespace SmallCaps.Simulator.Endpoints;

/// <summary>Parsing of the vendor's query values: dates, Unix ms/ns, booleans.</summary>
internal static class QueryValues
{
    public static LocalDate Date(string text, string name)
    {
        var r = LocalDatePattern.Iso.Parse(text);
        return r.Success ? r.Value : throw new BadRequestException($"Invalid {name} '{text}': expected YYYY-MM-DD.");
    }

    public static LocalDate? OptionalDate(string? text, string name) => text is null ? null : Date(text, name);

    public static bool Bool(string? text, bool defaultValue, string name) => text switch
    {
        null => defaultValue,
        "true" or "True" or "1" => true,
        "false" or "False" or "0" => false,
        _ => throw new BadRequestException($"Invalid {name} '{text}': expected true or false."),
    };

    /// <summary>A date (start of its New York day, or end when <paramref name="endOfDay"/>) or Unix ms.</summary>
    public static long Milliseconds(string text, bool endOfDay, string name)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
        {
            return ms;
        }

        var date = Date(text, name);
        return endOfDay ? NewYorkTime.StartOfDayUnixMilliseconds(date.PlusDays(1)) - 1 : NewYorkTime.StartOfDayUnixMilliseconds(date);
    }

    /// <summary>A date (New York day bounds), an RFC 3339 instant, or Unix ns.</summary>
    public static long Nanoseconds(string text, bool endOfDay, string name)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ns))
        {
            return ns;
        }

        if (text.Length == 10)
        {
            var date = Date(text, name);
            var start = NewYorkTime.StartOfDayUnixMilliseconds(endOfDay ? date.PlusDays(1) : date) * 1_000_000L;
            return endOfDay ? start - 1 : start;
        }

        var r = InstantPattern.ExtendedIso.Parse(text);
        return r.Success
            ? (r.Value - NodaConstants.UnixEpoch).ToInt64Nanoseconds()
            : throw new BadRequestException($"Invalid {name} '{text}': expected a date, an RFC 3339 timestamp or Unix nanoseconds.");
    }
}
