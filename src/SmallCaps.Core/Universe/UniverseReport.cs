using System.Globalization;

namespace SmallCaps.Core.Universe;

/// <summary>Prints the funnel like the seeds did: counts at each filter, what was excluded and why, first and last tickers.</summary>
internal static class UniverseReport
{
    public static void Write(TextWriter output, UniverseSelection selection, UniverseOptions options)
    {
        var f = selection.Funnel;
        output.WriteLine(Line($"Universe as of {ReferenceDates.Format(selection.Date)}"));
        output.WriteLine(Line($"Total snapshot: {f.Total:N0} tickers (active and delisted)"));
        output.WriteLine(Line($"  -> type {string.Join('/', options.Types)} on {string.Join('/', options.Exchanges)}: {f.AfterTypeAndExchange:N0} (excluded {f.Total - f.AfterTypeAndExchange:N0}: other type or exchange)"));
        var policy = options.IncludeDelisted ? "active + delisted" : "active only";
        output.WriteLine(Line($"  -> {policy}: {f.AfterDelistedPolicy:N0} (excluded {f.ExcludedDelisted:N0} delisted, {f.ExcludedListedAfterDate:N0} listed after the date)"));
        output.WriteLine(Line($"  -> one row per identity and ticker: {f.AfterIdentity:N0} (merged {f.MergedSameIdentity:N0} rows of the same identity, excluded {f.ExcludedDuplicateTicker:N0} duplicate tickers)"));
        if (options.CapMax is { } cap)
        {
            output.WriteLine(Line($"  -> market cap < {cap:N0}: {f.Final:N0} (excluded {f.ExcludedNoMarketCap + f.ExcludedAtOrAboveCap:N0}: {f.ExcludedNoMarketCap:N0} without market cap, {f.ExcludedAtOrAboveCap:N0} >= cap)"));
        }

        if (f.ExcludedCaseTwins > 0)
        {
            output.WriteLine(Line($"  -> one ticker per spelling, case ignored: {f.Final:N0} (excluded {f.ExcludedCaseTwins:N0} differing only in case from a kept ticker)"));
        }

        var members = selection.Members;
        var first = string.Join(", ", members.Take(5).Select(m => m.Ticker));
        var last = string.Join(", ", members.Skip(Math.Max(0, members.Count - 5)).Select(m => m.Ticker));
        output.WriteLine(Line($"Final universe: {f.Final:N0} tickers"));
        if (members.Count > 0)
        {
            output.WriteLine($"  first: {first}");
            output.WriteLine($"  last:  {last}");
        }
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
