using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Which rows are the same security, and which one keeps a ticker that several securities show.
/// Identity: composite FIGI, else CIK (with the share class FIGI when known, since a CIK covers every class), else the ticker.
/// Rows of one CIK without FIGIs that are listed at the same time are share classes and stay apart (key + ticker).
/// </summary>
internal static class IdentityRule
{
    public const string CikPrefix = "cik:";

    public static string KeyOf(TickerRecord row)
    {
        if (!string.IsNullOrWhiteSpace(row.CompositeFigi))
        {
            return "figi:" + row.CompositeFigi.Trim();
        }

        if (!string.IsNullOrWhiteSpace(row.Cik))
        {
            return CikPrefix + row.Cik.Trim() + (string.IsNullOrWhiteSpace(row.ShareClassFigi) ? "" : ":" + row.ShareClassFigi.Trim());
        }

        return "ticker:" + row.Ticker;
    }

    /// <summary>
    /// Orders the rows of one identity so the first is its current row: listed on the date first, then the latest
    /// delisting, then the latest update, then the ticker (ordinal) so the choice never depends on input order.
    /// </summary>
    public static int CompareCurrentFirst(UniverseCandidate a, UniverseCandidate b)
    {
        var c = b.Active.CompareTo(a.Active);
        if (c != 0)
        {
            return c;
        }

        c = Nullable.Compare(b.DelistedDate, a.DelistedDate);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(b.Listing.LastUpdatedUtc, a.Listing.LastUpdatedUtc);
        return c != 0 ? c : string.CompareOrdinal(a.Ticker, b.Ticker);
    }

    /// <summary>
    /// Orders identities that show the same ticker so the first keeps it: listed on the date first; then the one
    /// the vendor's ticker details name (same composite FIGI); among delisted ones the latest delisting (the
    /// symbol's most recent meaning); then the earliest list date; then the identity key (ordinal).
    /// </summary>
    public static int CompareTickerOwnerFirst(UniverseCandidate a, UniverseCandidate b)
    {
        var c = b.Active.CompareTo(a.Active);
        if (c != 0)
        {
            return c;
        }

        c = (b.Details is not null).CompareTo(a.Details is not null);
        if (c != 0)
        {
            return c;
        }

        if (!a.Active)
        {
            c = Nullable.Compare(b.DelistedDate, a.DelistedDate);
            if (c != 0)
            {
                return c;
            }
        }

        c = CompareNullsLast(a.ListDate, b.ListDate);
        return c != 0 ? c : string.CompareOrdinal(a.Identity, b.Identity);
    }

    private static int CompareNullsLast(NodaTime.LocalDate? a, NodaTime.LocalDate? b) =>
        (a, b) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => a.Value.CompareTo(b.Value),
        };
}
