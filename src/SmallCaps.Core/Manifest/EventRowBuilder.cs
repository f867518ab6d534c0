using System.Globalization;
using NodaTime;
using SmallCaps.Core.Input;

namespace SmallCaps.Core.Manifest;

/// <summary>Turns one row's ticker, time and date cells into an <see cref="EventRecord"/> or a located one-line error.</summary>
internal static class EventRowBuilder
{
    /// <summary>The trimmed ticker, or an error naming <paramref name="where"/> when it cannot be a vendor symbol.</summary>
    public static string Ticker(string where, string? ticker)
    {
        var symbol = (ticker ?? string.Empty).Trim();
        return TickerRules.Problem(symbol) is { } problem
            ? throw new InputException($"{where}: ticker \"{Printable(symbol)}\" {problem}")
            : symbol;
    }

    public static EventRecord Build(string where, string? ticker, string? time, string? date, DateTimeZone naiveZone)
    {
        var symbol = Ticker(where, ticker);

        if (!string.IsNullOrWhiteSpace(time))
        {
            if (EventTimeParser.TryParse(time, naiveZone, out var ns, out var day) is { } timeProblem)
            {
                throw new InputException($"{where}: time \"{Printable(time.Trim())}\" {timeProblem}");
            }

            return ns is { } instant ? new EventRecord(symbol, instant, default) : new EventRecord(symbol, null, day);
        }

        if (!string.IsNullOrWhiteSpace(date))
        {
            if (EventTimeParser.TryParse(date, naiveZone, out var ns, out var day) is { } dateProblem)
            {
                throw new InputException($"{where}: date \"{Printable(date.Trim())}\" {dateProblem}");
            }

            // A date column holding full timestamps still names the session of that instant.
            return ns is { } instant ? new EventRecord(symbol, null, Calendar.NewYorkTime.SessionDateOfNanoseconds(instant)) : new EventRecord(symbol, null, day);
        }

        throw new InputException($"{where}: event of \"{symbol}\" has neither a time nor a date");
    }

    // Control characters are shown escaped so the error stays one line.
    public static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{((int)c).ToString("x4", CultureInfo.InvariantCulture)}" : c.ToString()));
}
