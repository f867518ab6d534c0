namespace SmallCaps.Core.Universe;

/// <summary>
/// Tickers that differ only in case (the vendor's <c>ABCp</c> beside <c>ABCP</c>): the ingest verbs give each ticker a
/// folder and refuse such a CSV whole, since Windows and macOS folders ignore case. One of each group is kept, by the
/// order that settles a ticker several securities show (<see cref="IdentityRule.CompareTickerOwnerFirst"/>).
/// </summary>
internal static class TickerCaseTwins
{
    public static (List<UniverseCandidate> Kept, List<string> Warnings) OnePerSpelling(IReadOnlyList<UniverseCandidate> members)
    {
        var kept = new List<UniverseCandidate>();
        var warnings = new List<string>();
        foreach (var group in members.GroupBy(m => m.Ticker, StringComparer.OrdinalIgnoreCase))
        {
            var rows = group.ToList();
            rows.Sort(IdentityRule.CompareTickerOwnerFirst);
            kept.Add(rows[0]);
            foreach (var dropped in rows.Skip(1))
            {
                warnings.Add($"tickers {rows[0].Ticker} and {dropped.Ticker} differ only in case, which the ingest verbs refuse in one CSV (Windows and macOS would give both one folder); kept {rows[0].Ticker}, left out {dropped.Ticker}");
            }
        }

        return (kept, warnings);
    }
}
