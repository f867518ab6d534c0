namespace SmallCaps.Core.Ingest;

/// <summary>What fetching stale windows again did.</summary>
/// <param name="Stale">Windows found stale (a split executed since their fetch).</param>
/// <param name="Refetched">Of those, the ones whose new file replaced the old.</param>
/// <param name="Failed">The ones left as they were (the old file stays; the next run tries again).</param>
/// <param name="FirstFailure">Why the first of those failed, or null.</param>
public sealed record RefreshTally(int Stale, int Refetched, int Failed, string? FirstFailure)
{
    /// <summary>Nothing was stale.</summary>
    public static RefreshTally None { get; } = new(0, 0, 0, null);
}
