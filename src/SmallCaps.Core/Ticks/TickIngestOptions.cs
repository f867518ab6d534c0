namespace SmallCaps.Core.Ticks;

/// <summary>What one trades or quotes run writes and how wide it goes.</summary>
public sealed record TickIngestOptions
{
    /// <summary>Root of the lake.</summary>
    public required string Outdir { get; init; }

    /// <summary>Trades, quotes, or sampled quotes.</summary>
    public required TickDataset Dataset { get; init; }

    /// <summary>Tasks in flight at once (each holds at most one page). <value>The default value is 8.</value></summary>
    public int MaxWorkers { get; init; } = 8;
}
