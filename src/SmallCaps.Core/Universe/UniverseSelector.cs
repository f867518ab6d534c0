using System.Globalization;
using NodaTime;
using SmallCaps.Core.Api.Reference;

namespace SmallCaps.Core.Universe;

/// <summary>
/// The selection rules, free of I/O: type and exchange, delisted policy as of the date, one row per identity
/// (<see cref="IdentityRule"/>), details joined by (ticker, cap date) and their list date, one identity per ticker,
/// the cap, then one spelling per ticker (<see cref="TickerCaseTwins"/>).
/// </summary>
internal static class UniverseSelector
{
    public static UniverseScreen Screen(IReadOnlyList<TickerRecord> snapshot, LocalDate date, UniverseOptions options)
    {
        // Vendor codes are upper case; `--types cs` means CS, and a code no row has is a typo, not an empty universe.
        var types = new HashSet<string>(options.Types, StringComparer.OrdinalIgnoreCase);
        var exchanges = new HashSet<string>(options.Exchanges, StringComparer.OrdinalIgnoreCase);
        var known = snapshot.Select(r => r.Type).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (known.Count > 0 && options.Types.Where(t => !known.Contains(t)).ToList() is { Count: > 0 } unknown)
        {
            throw new UniverseInputException($"--types {string.Join(',', unknown)}: no ticker of the snapshot has {(unknown.Count == 1 ? "this type" : "these types")} (its types: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
        }

        var afterTypeExchange = 0;
        var delistedDropped = 0;
        var listedAfter = 0;
        var kept = new List<UniverseCandidate>();
        foreach (var row in snapshot)
        {
            if (row.Type is null || !types.Contains(row.Type) || row.PrimaryExchange is null || !exchanges.Contains(row.PrimaryExchange))
            {
                continue;
            }

            afterTypeExchange++;
            if (ReferenceDates.Parse(row.ListDate) is { } listed && listed > date)
            {
                listedAfter++;
                continue;
            }

            var delisted = ReferenceDates.Parse(row.DelistedUtc);
            var active = delisted is { } d ? d > date : row.Active ?? true;
            if (!active && !options.IncludeDelisted)
            {
                delistedDropped++;
                continue;
            }

            kept.Add(new UniverseCandidate
            {
                Listing = row,
                Identity = IdentityRule.KeyOf(row),
                Active = active,
                DelistedDate = active ? null : delisted,
                CapDate = !active && delisted is { } dd ? ReferenceDates.LastActiveDate(dd) : date,
            });
        }

        // A CIK covers every share class: two rows of one CIK listed at once are two classes, not a rename.
        foreach (var group in kept.Where(c => c.Identity.StartsWith(IdentityRule.CikPrefix, StringComparison.Ordinal)).GroupBy(c => c.Identity, StringComparer.Ordinal))
        {
            if (group.Count(c => c.Active) > 1)
            {
                foreach (var c in group)
                {
                    c.Identity += ":" + c.Ticker;
                }
            }
        }

        var candidates = new List<UniverseCandidate>();
        var merged = 0;
        foreach (var group in kept.GroupBy(c => c.Identity, StringComparer.Ordinal))
        {
            var rows = group.ToList();
            rows.Sort(IdentityRule.CompareCurrentFirst);
            var current = rows[0];
            merged += rows.Count - 1;
            current.Rows = rows.Count;
            // Older symbols ended first; a symbol without a list date starts where the previous one ended.
            LocalDate? previousEnd = null;
            foreach (var row in rows.OrderBy(r => r.DelistedDate ?? LocalDate.MaxIsoValue).ThenBy(r => r.ListDate ?? LocalDate.MinIsoValue))
            {
                if (current.Tickers.All(t => t.Ticker != row.Ticker))
                {
                    current.Tickers.Add(new TickerInterval(row.Ticker, row.ListDate ?? previousEnd, row.DelistedDate));
                }

                previousEnd = row.DelistedDate ?? previousEnd;
            }

            candidates.Add(current);
        }

        return new UniverseScreen(date, snapshot.Count, afterTypeExchange, delistedDropped, listedAfter, kept.Count, merged, candidates);
    }

    public static UniverseSelection Finish(UniverseScreen screen, IReadOnlyDictionary<DetailsRequest, TickerRecord> details, UniverseOptions options)
    {
        var onTheDate = new List<UniverseCandidate>();
        var listedAfter = 0;
        var rowsListedAfter = 0;
        foreach (var c in screen.Candidates)
        {
            if (details.TryGetValue(new DetailsRequest(c.Ticker, c.CapDate), out var d) && SameSecurity(c.Listing, d))
            {
                c.Details = d;
            }

            // The tickers list may have no list date where the details do: a name listed after the date is not in it yet.
            if (c.ListDate is { } first && first > screen.Date)
            {
                listedAfter++;
                rowsListedAfter += c.Rows;
                continue;
            }

            onTheDate.Add(c);

            // The tickers list has no list date; details do, and the first symbol starts then.
            if (c.Tickers.Count > 0 && c.Tickers[0].From is null && c.ListDate is { } listed)
            {
                c.Tickers[0] = c.Tickers[0] with { From = listed };
            }
        }

        var owners = new List<UniverseCandidate>();
        var duplicates = 0;
        foreach (var group in onTheDate.GroupBy(c => c.Ticker, StringComparer.Ordinal))
        {
            var rows = group.ToList();
            rows.Sort(IdentityRule.CompareTickerOwnerFirst);
            owners.Add(rows[0]);
            duplicates += rows.Count - 1;
        }

        var noCap = 0;
        var aboveCap = 0;
        var members = new List<UniverseCandidate>();
        foreach (var c in owners)
        {
            if (options.CapMax is { } max)
            {
                if (c.MarketCap is not { } cap || double.IsNaN(cap))
                {
                    noCap++;
                    continue;
                }

                if (cap >= max)
                {
                    aboveCap++;
                    continue;
                }
            }

            members.Add(c);
        }

        // Only members can clash in the CSV: a twin above the cap leaves the other in.
        var (spelled, caseTwins) = TickerCaseTwins.OnePerSpelling(members);
        members = spelled;
        List<string> warnings = [.. caseTwins];
        if (CapsOfAnotherDate(owners, screen.Date, options) is { } otherDates)
        {
            warnings.Insert(0, otherDates);
        }

        members.Sort((a, b) => string.CompareOrdinal(a.Ticker, b.Ticker));
        var funnel = new UniverseFunnel
        {
            Total = screen.Total,
            AfterTypeAndExchange = screen.AfterTypeAndExchange,
            ExcludedDelisted = screen.ExcludedDelisted,
            ExcludedListedAfterDate = screen.ExcludedListedAfterDate + rowsListedAfter,
            AfterDelistedPolicy = screen.AfterDelistedPolicy - rowsListedAfter,
            MergedSameIdentity = screen.MergedSameIdentity - (rowsListedAfter - listedAfter),
            ExcludedDuplicateTicker = duplicates,
            AfterIdentity = owners.Count,
            ExcludedNoMarketCap = noCap,
            ExcludedAtOrAboveCap = aboveCap,
            ExcludedCaseTwins = caseTwins.Count,
            Final = members.Count,
        };
        return new UniverseSelection(screen.Date, members, funnel) { Warnings = warnings };
    }

    /// <summary>
    /// A local snapshot may give caps of another date than the one each is taken at (the date, or a delisted name's
    /// last session): they are used as they are, counted by the date they are of, and market_cap_date says which.
    /// </summary>
    private static string? CapsOfAnotherDate(IReadOnlyList<UniverseCandidate> owners, LocalDate date, UniverseOptions options)
    {
        var withCap = owners.Where(c => c.MarketCap is not null).ToList();
        var other = withCap.Where(c => c.MarketCapDate != c.CapDate).ToList();
        if (other.Count == 0)
        {
            return null;
        }

        var byDate = other.GroupBy(c => c.MarketCapDate).OrderByDescending(g => g.Count()).ThenBy(g => g.Key ?? LocalDate.MaxIsoValue).ToList();
        var dates = string.Join(", ", byDate.Take(3).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count():N0} of {(g.Key is { } d ? ReferenceDates.Format(d) : "an unknown date")}")))
            + (byDate.Count > 3 ? ", ..." : "");
        var use = options.CapMax is null ? "they are written as they are" : "the cap filter used them as they are";
        return string.Create(CultureInfo.InvariantCulture, $"{other.Count:N0} of {withCap.Count:N0} market caps are not of the date they are taken at ({ReferenceDates.Format(date)}, or a delisted name's last session): {dates}; {use}, and market_cap_date gives the date of each")
            + (byDate.Any(g => g.Key is null) ? " (empty when the details have no market_cap_date and their folder name no date)" : "");
    }

    // Details name one security; when both sides carry a composite FIGI they must agree.
    internal static bool SameSecurity(TickerRecord listing, TickerRecord details) =>
        string.IsNullOrEmpty(listing.CompositeFigi) || string.IsNullOrEmpty(details.CompositeFigi)
        || string.Equals(listing.CompositeFigi, details.CompositeFigi, StringComparison.Ordinal);
}
