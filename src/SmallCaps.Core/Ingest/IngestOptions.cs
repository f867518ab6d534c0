using SmallCaps.Core.Lake;

namespace SmallCaps.Core.Ingest;

/// <summary>What one ingest run writes and how wide it goes.</summary>
public sealed record IngestOptions
{
    /// <summary>Root of the lake.</summary>
    public required string Outdir { get; init; }

    /// <summary>Daily or minute bars.</summary>
    public required BarDataset Dataset { get; init; }

    /// <summary>Split-adjusted bars (the vendor default).</summary>
    public bool Adjusted { get; init; } = true;

    /// <summary>Tasks in flight at once (each holds at most one page).</summary>
    /// <value>The default value is 8.</value>
    public int MaxWorkers { get; init; } = 8;

    /// <summary>Each ticker's own dates (<c>--former-tickers</c>); null asks every ticker over the run's range.</summary>
    public IReadOnlyList<TickerRange>? TickerRanges { get; init; }

    /// <summary>Ask again for windows an earlier run found the plan not entitled to (after a plan upgrade).</summary>
    /// <value>The default value is false: later runs skip them.</value>
    public bool RetryNotEntitled { get; init; }

    /// <summary>Merge each partition's windows into one file after the fetches (off only to set up tests of the merge itself).</summary>
    /// <value>The default value is true.</value>
    internal bool MergeWindows { get; init; } = true;
}
