namespace SmallCaps.Core.Universe;

/// <summary>The first half of a selection: counts so far and one candidate per identity, waiting for ticker details.</summary>
internal sealed record UniverseScreen(
    NodaTime.LocalDate Date,
    int Total,
    int AfterTypeAndExchange,
    int ExcludedDelisted,
    int ExcludedListedAfterDate,
    int AfterDelistedPolicy,
    int MergedSameIdentity,
    IReadOnlyList<UniverseCandidate> Candidates)
{
    /// <summary>The details calls the candidates need, each once.</summary>
    public IReadOnlyList<DetailsRequest> DetailsRequests() =>
        Candidates.Select(c => new DetailsRequest(c.Ticker, c.CapDate)).Distinct().ToList();
}
