namespace SmallCaps.Core.Lake;

/// <summary>A bar dataset of the lake: its folder name and how it asks the vendor.</summary>
/// <param name="Name">Folder under the outdir and dataset key in the ledger.</param>
/// <param name="Timespan">Vendor timespan (<c>day</c>, <c>minute</c>).</param>
/// <param name="PartitionByYear">Whether files sit under <c>year=YYYY</c> and tasks never span a year.</param>
public sealed record BarDataset(string Name, string Timespan, bool PartitionByYear)
{
    /// <summary>Daily bars: one file per ticker and requested window.</summary>
    public static BarDataset Daily { get; } = new("bars_1d", "day", PartitionByYear: false);

    /// <summary>Minute bars: one file per ticker, year and requested window inside that year.</summary>
    public static BarDataset Minute { get; } = new("bars_1m", "minute", PartitionByYear: true);
}
