using NodaTime;

namespace SmallCaps.Core.Verify;

/// <summary>
/// What the tickers lists of an outdir say of each security, keyed as select-universe keys its members
/// (<see cref="Universe.IdentityRule.KeyOf"/>, also with <c>:TICKER</c> for share classes of one CIK).
/// </summary>
/// <param name="LastDays">The last traded day (the day before the delisting) of each security the latest snapshot holding it shows delisted.</param>
/// <param name="ListedAs">(identity, ticker) of every row a list shows listed on its snapshot's date.</param>
internal sealed record SecurityListings(IReadOnlyDictionary<string, LocalDate> LastDays, IReadOnlySet<(string Identity, string Ticker)> ListedAs)
{
    /// <summary>Reads every snapshot of the tickers lists (snapshots in date order, so the latest wins); none gives empty listings.</summary>
    public static SecurityListings Read(string tickersFolder, Action<string, Exception>? unreadable = null)
    {
        var byIdentity = new Dictionary<string, LocalDate?>(StringComparer.Ordinal);
        var listedAs = new HashSet<(string, string)>();
        foreach (var snapshot in ReferenceParquet.Files(tickersFolder).GroupBy(f => Path.GetDirectoryName(f)!, StringComparer.Ordinal))
        {
            var seen = new Dictionary<string, LocalDate?>(StringComparer.Ordinal);
            foreach (var row in snapshot.SelectMany(file => ReferenceParquet.Guarded(file, unreadable, () => Universe.SnapshotFiles.ReadTickers(file))))
            {
                var delisted = Universe.ReferenceDates.Parse(row.DelistedUtc);
                var key = Universe.IdentityRule.KeyOf(row);
                foreach (var identity in new[] { key, key + ":" + row.Ticker })
                {
                    // A renamed security's old ticker is delisted on the rename date while its new one is listed.
                    var known = seen.TryGetValue(identity, out var other);
                    seen[identity] = delisted is not { } day || (known && other is null) ? null : known && other > day ? other : day;
                    if (delisted is null && row.Active != false)
                    {
                        listedAs.Add((identity, row.Ticker));
                    }
                }
            }

            foreach (var (identity, day) in seen)
            {
                byIdentity[identity] = day;
            }
        }

        var lastDays = byIdentity.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.Value.PlusDays(-1), StringComparer.Ordinal);
        return new SecurityListings(lastDays, listedAs);
    }
}
