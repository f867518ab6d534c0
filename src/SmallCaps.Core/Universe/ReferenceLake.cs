using NodaTime;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Where the reference datasets live, partitioned by snapshot date (Hive style, readable with one glob):
/// <code>&lt;outdir&gt;/reference/{tickers|details|splits|dividends|ticker_events}/snapshot_date=YYYY-MM-DD/part*.parquet</code>
/// </summary>
internal static class ReferenceLake
{
    public const string TickersDataset = "tickers";
    public const string DetailsDataset = "details";
    public const string SplitsDataset = "splits";
    public const string DividendsDataset = "dividends";
    public const string TickerEventsDataset = "ticker_events";

    public static string PartitionDirectory(string outdir, string dataset, LocalDate snapshotDate) =>
        Path.Combine(outdir, "reference", dataset, "snapshot_date=" + ReferenceDates.Format(snapshotDate));

    /// <summary>The single file of a dataset written in one piece.</summary>
    public static string PartFile(string outdir, string dataset, LocalDate snapshotDate) =>
        Path.Combine(PartitionDirectory(outdir, dataset, snapshotDate), "part.parquet");
}
