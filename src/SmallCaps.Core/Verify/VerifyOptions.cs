namespace SmallCaps.Core.Verify;

/// <summary>What <c>smallcaps verify</c> checks and how strictly.</summary>
public sealed record VerifyOptions
{
    /// <summary>Root of the lake.</summary>
    public required string Outdir { get; init; }

    /// <summary>Relative difference allowed between a daily volume and the sum of its minute volumes.</summary>
    /// <value>The default value is 0.02 (2%): the vendor's daily bars count a few trades minute bars leave out.</value>
    public double VolumeTolerance { get; init; } = 0.02;

    /// <summary>Relative slack when comparing the daily high/low with the minutes' extremes.</summary>
    /// <value>The default value is 1e-9 (rounding only).</value>
    public double PriceTolerance { get; init; } = 1e-9;

    /// <summary>List/delist dates and splits; null reads <see cref="ReferenceView"/>'s files in the outdir (with <see cref="ReferenceCsvs"/>).</summary>
    public TickerReference? Reference { get; init; }

    /// <summary>The CSVs given with --universe and --splits, added to the lake's reference (in place of its default CSVs).</summary>
    /// <value>The default value is none: the outdir's <c>reference/tickers.csv</c> and <c>reference/splits.csv</c> when present.</value>
    public ReferenceCsvs ReferenceCsvs { get; init; } = ReferenceCsvs.None;

    /// <summary>Tickers checked in parallel.</summary>
    /// <value>The default value is the processor count.</value>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Clock for "today" (splits that have not executed yet make nothing stale).</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Counts the files checked, for a progress display.</summary>
    /// <value>The default value is null: nothing counted.</value>
    public Progress.WorkProgress? Progress { get; init; }
}
