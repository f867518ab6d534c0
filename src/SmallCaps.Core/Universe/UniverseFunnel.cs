namespace SmallCaps.Core.Universe;

/// <summary>Counts at each filter of a universe selection and why names were excluded.</summary>
internal sealed record UniverseFunnel
{
    /// <summary>Rows of the tickers snapshot (active and delisted, every type).</summary>
    public int Total { get; init; }

    public int AfterTypeAndExchange { get; init; }

    public int ExcludedDelisted { get; init; }

    public int ExcludedListedAfterDate { get; init; }

    public int AfterDelistedPolicy { get; init; }

    /// <summary>Rows folded into another row of the same identity (renames, repeated rows).</summary>
    public int MergedSameIdentity { get; init; }

    /// <summary>Identities dropped because another identity keeps their ticker.</summary>
    public int ExcludedDuplicateTicker { get; init; }

    public int AfterIdentity { get; init; }

    public int ExcludedNoMarketCap { get; init; }

    public int ExcludedAtOrAboveCap { get; init; }

    /// <summary>Members left out because a kept ticker differs from theirs only in case (<see cref="TickerCaseTwins"/>).</summary>
    public int ExcludedCaseTwins { get; init; }

    public int Final { get; init; }
}
