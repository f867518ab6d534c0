namespace SmallCaps.Core.Input;

/// <summary>
/// Finds, row by row, tickers that differ only in case from an earlier row's (folder names are case-insensitive on
/// Windows and macOS, so both would write into one partition); each other spelling is reported once, at its first row.
/// </summary>
internal sealed class CaseTwinRows
{
    private readonly Dictionary<string, (string Ticker, string Row)> first = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> reported = new(StringComparer.Ordinal);

    /// <summary>The problem of <paramref name="ticker"/> at <paramref name="row"/> (e.g. <c>line 4</c>), or null.</summary>
    public string? Problem(string ticker, string row)
    {
        if (!first.TryGetValue(ticker, out var earlier))
        {
            first[ticker] = (ticker, row);
            return null;
        }

        return earlier.Ticker == ticker || !reported.Add(ticker)
            ? null
            : $"ticker \"{ticker}\" differs only in case from \"{earlier.Ticker}\" on {earlier.Row}; Windows and macOS would give both one folder";
    }
}
