using NodaTime;
using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Http;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Splits, dividends and ticker events of the universe's members as chunk tasks of the ledger (one file per chunk and
/// snapshot date): a re-run fetches only chunks not settled and members no chunk covers yet. Ticker intervals of the
/// members are then rebuilt from every ticker_events file of the date, fetched now or before.
/// A dataset date that still holds the single <c>part.parquet</c> of an earlier version is kept as it is.
/// </summary>
internal sealed class ReferenceDatasetsFetcher(ReferenceClient client, ReferenceSession session, ReferenceChunkRunner runner, int chunkSize)
{
    public async Task<IReadOnlyList<ReferenceDatasetResult>> FetchAsync(LocalDate snapshotDate, IReadOnlyList<UniverseCandidate> members, CancellationToken cancellationToken)
    {
        var results = new List<ReferenceDatasetResult>
        {
            await RunAsync(ReferenceLake.SplitsDataset, snapshotDate, members.Select(m => m.Ticker), ReferenceTables.Splits, FetchSplitsAsync, cancellationToken),
            await RunAsync(ReferenceLake.DividendsDataset, snapshotDate, members.Select(m => m.Ticker), ReferenceTables.Dividends, FetchDividendsAsync, cancellationToken),
            await RunAsync(ReferenceLake.TickerEventsDataset, snapshotDate, members.Select(EventsMember), ReferenceTables.TickerEvents, FetchEventsAsync, cancellationToken),
        };
        var changes = TickerEventFiles.Read(ReferenceLake.PartFiles(session.Outdir, ReferenceLake.TickerEventsDataset, snapshotDate));
        foreach (var member in members)
        {
            if (changes.TryGetValue(member.Identity, out var list))
            {
                ApplyTickerChanges(member, list);
            }
        }

        return results;
    }

    /// <summary>Rebuilds a member's ticker intervals from its ticker changes: each change runs until the next one (or the delisting).</summary>
    public static void ApplyTickerChanges(UniverseCandidate member, IEnumerable<(string Ticker, LocalDate? Date)> changes)
    {
        var ordered = changes.OrderBy(c => c.Date ?? LocalDate.MinIsoValue).ToList();
        if (ordered.Count == 0)
        {
            return;
        }

        member.Tickers.Clear();
        for (var i = 0; i < ordered.Count; i++)
        {
            var to = i + 1 < ordered.Count ? ordered[i + 1].Date : member.DelistedDate;
            member.Tickers.Add(new TickerInterval(ordered[i].Ticker, ordered[i].Date, to));
        }
    }

    // The events of a security are asked by composite FIGI (else ticker) and stored under the member's identity.
    private static string EventsMember(UniverseCandidate member) => ReferenceMember.Join(member.Identity, member.Listing.CompositeFigi ?? member.Ticker);

    private async Task<ReferenceDatasetResult> RunAsync<T>(string dataset, LocalDate date, IEnumerable<string> members, ReferenceTable<T> table, Func<string, CancellationToken, Task<MemberAnswer<T>>> fetch, CancellationToken ct)
    {
        if (File.Exists(ReferenceLake.LegacyFile(session.Outdir, dataset, date)))
        {
            return new ReferenceDatasetResult(dataset, 0, 0) { Note = "kept the single part.parquet an earlier version wrote (delete the folder to fetch it again in chunks)" };
        }

        var plan = ReferenceChunkPlanner.Plan(session, dataset, date, [.. members], new HashSet<string>(StringComparer.Ordinal), chunkSize);
        return await runner.RunAsync(plan, table, fetch, ct);
    }

    private async Task<MemberAnswer<SplitRecord>> FetchSplitsAsync(string ticker, CancellationToken ct)
    {
        try
        {
            return new MemberAnswer<SplitRecord>(await client.ListSplitsAsync(ticker, ct), false);
        }
        catch (MassiveApiException ex) when (ex.Kind == MassiveErrorKind.NotFound)
        {
            return new MemberAnswer<SplitRecord>([], true);
        }
    }

    private async Task<MemberAnswer<DividendRecord>> FetchDividendsAsync(string ticker, CancellationToken ct)
    {
        try
        {
            return new MemberAnswer<DividendRecord>(await client.ListDividendsAsync(ticker, ct), false);
        }
        catch (MassiveApiException ex) when (ex.Kind == MassiveErrorKind.NotFound)
        {
            return new MemberAnswer<DividendRecord>([], true);
        }
    }

    private async Task<MemberAnswer<TickerEventRow>> FetchEventsAsync(string member, CancellationToken ct)
    {
        var (identity, id) = ReferenceMember.Split(member);
        if (await client.GetTickerEventsAsync(id, ct) is not { } events)
        {
            return new MemberAnswer<TickerEventRow>([], true);
        }

        return new MemberAnswer<TickerEventRow>([.. events.Changes.OrderBy(c => c.Date, StringComparer.Ordinal).Select(c => new TickerEventRow(identity, events, c))], false);
    }
}
