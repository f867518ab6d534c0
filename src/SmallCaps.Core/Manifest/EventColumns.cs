using SmallCaps.Core.Input;

namespace SmallCaps.Core.Manifest;

/// <summary>Finds the ticker, time and date columns of an events file by configured or usual names (any case).</summary>
internal sealed record EventColumns(int Ticker, int Time, int Date)
{
    private static readonly string[] TickerNames = ["ticker", "symbol"];
    private static readonly string[] TimeNames = ["timestamp", "datetime", "time", "ts", "event_time", "event_timestamp"];
    private static readonly string[] DateNames = ["date", "session_date", "trading_day", "event_date"];

    /// <summary>Resolves the columns of <paramref name="header"/>; throws <see cref="InputException"/> naming <paramref name="where"/>.</summary>
    public static EventColumns Resolve(IReadOnlyList<string> header, ManifestOptions options, string where)
    {
        var ticker = Find(header, options.TickerColumn, TickerNames, where, "ticker");
        var time = Find(header, options.TimeColumn, TimeNames, where, "time");
        var date = Find(header, options.DateColumn, DateNames, where, "date");
        if (ticker < 0)
        {
            throw new InputException($"{where}: missing ticker column (looked for {string.Join(", ", TickerNames)}; use --ticker-column) in header \"{string.Join(',', header)}\"");
        }

        if (time < 0 && date < 0)
        {
            throw new InputException($"{where}: missing time or date column (looked for {string.Join(", ", TimeNames.Concat(DateNames))}; use --time-column or --date-column) in header \"{string.Join(',', header)}\"");
        }

        return new EventColumns(ticker, time, date);
    }

    private static int Find(IReadOnlyList<string> header, string? configured, string[] usual, string where, string what)
    {
        if (configured is not null)
        {
            var index = IndexOf(header, configured);
            return index >= 0
                ? index
                : throw new InputException($"{where}: missing {what} column '{configured}' in header \"{string.Join(',', header)}\"");
        }

        foreach (var name in usual)
        {
            var index = IndexOf(header, name);
            if (index >= 0)
            {
                return index;
            }
        }

        return -1;
    }

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
