using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using SmallCaps.Core.Calendar;

namespace SmallCaps.Core.Input;

/// <summary>
/// Parses <c>--from</c>/<c>--to</c> (YYYY-MM-DD, New York session dates). A <c>--to</c> of today or
/// later is clamped to yesterday in New York: today's bars are still growing, and a window marked
/// done with half a day in it would never be fetched again by an exact resume.
/// </summary>
public static partial class IngestRangeParser
{
    private static readonly LocalDatePattern Pattern = LocalDatePattern.Iso;

    /// <summary>Validates the two dates against the clock; throws <see cref="InputException"/>.</summary>
    public static IngestRange Parse(string from, string to, TimeProvider clock)
    {
        var fromDate = ParseOne("--from", from);
        var toDate = ParseOne("--to", to);
        if (fromDate > toDate)
        {
            throw new InputException($"--from {from} is after --to {to}");
        }

        var lastComplete = NewYorkTime.Today(clock).PlusDays(-1);
        string? notice = null;
        if (toDate > lastComplete)
        {
            notice = $"--to {to} is not a complete New York day yet; using {Pattern.Format(lastComplete)}";
            toDate = lastComplete;
        }

        if (fromDate > toDate)
        {
            throw new InputException($"--from {from} is after the last complete New York day {Pattern.Format(lastComplete)}");
        }

        return new IngestRange(fromDate, toDate, notice);
    }

    private static LocalDate ParseOne(string option, string value)
    {
        var result = Pattern.Parse(value?.Trim() ?? string.Empty);
        if (!result.Success || value!.Trim().Length != 10)
        {
            throw NotADate(option, value);
        }

        if (result.Value.Year < 1990)
        {
            throw new InputException($"{option} {value} is before 1990; the vendor has no bars that old");
        }

        return result.Value;
    }

    /// <summary>An optional YYYY-MM-DD session date (null stays null); throws <see cref="InputException"/> naming <paramref name="option"/>.</summary>
    public static LocalDate? ParseOptional(string option, string? text)
    {
        if (text is null)
        {
            return null;
        }

        var r = Pattern.Parse(text.Trim());
        return r.Success ? r.Value : throw NotADate(option, text);
    }

    // 2024-02-30 is in the form; saying it is not would send the user looking at the wrong thing.
    private static InputException NotADate(string option, string? text) =>
        InDateForm().IsMatch(text?.Trim() ?? string.Empty)
            ? new InputException($"{option} \"{EchoedValue.Of(text)}\" is not a real date (no such month or day)")
            : new InputException($"{option} \"{EchoedValue.Of(text)}\" is not a date in YYYY-MM-DD form");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex InDateForm();

    /// <summary>Formats a date as YYYY-MM-DD.</summary>
    public static string Format(LocalDate date) => Pattern.Format(date).ToString(CultureInfo.InvariantCulture);
}
