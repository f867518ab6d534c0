using System.Globalization;
using NodaTime;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Where the reference datasets live, partitioned by snapshot date (Hive style, readable with one glob):
/// <code>&lt;outdir&gt;/reference/{tickers|details|splits|dividends|ticker_events}/snapshot_date=YYYY-MM-DD/part-*.parquet</code>
/// Each file is one ledger task of dataset <c>reference/&lt;name&gt;</c>: the tickers list has one per active flag
/// (<c>part-active</c>, <c>part-delisted</c>), the others one per chunk of members (<c>part-00000</c>, ...).
/// Earlier versions wrote one <c>part.parquet</c> per dataset and date; it is still read and never rewritten.
/// </summary>
internal static class ReferenceLake
{
    public const string Folder = "reference";
    public const string TickersDataset = "tickers";
    public const string DetailsDataset = "details";
    public const string SplitsDataset = "splits";
    public const string DividendsDataset = "dividends";
    public const string TickerEventsDataset = "ticker_events";

    /// <summary>The ledger's timespan column of reference tasks (they ask no bars).</summary>
    public const string TaskKind = "reference";

    /// <summary>Members per chunk file at most: a few hundred rows of reference data, not thousands of tiny files.</summary>
    public const int MaxChunkSize = 500;

    /// <summary>Members per chunk file at least, however slow the plan.</summary>
    public const int MinChunkSize = 20;

    private const string ChunkPrefix = "part-";

    /// <summary>
    /// About two minutes of requests at the run's rate per chunk, between <see cref="MinChunkSize"/> and
    /// <see cref="MaxChunkSize"/>: an interrupted chunk is asked again whole, so on the free plan (5/min) a Ctrl+C
    /// loses minutes, not hours; on paid plans chunks hold 500 members.
    /// </summary>
    public static int ChunkSizeFor(double requestsPerSecond) =>
        double.IsFinite(requestsPerSecond) && requestsPerSecond > 0
            ? (int)Math.Clamp(requestsPerSecond * 120, MinChunkSize, MaxChunkSize)
            : MaxChunkSize;

    /// <summary>The ledger dataset of a reference dataset, e.g. <c>reference/splits</c>.</summary>
    public static string LedgerDataset(string dataset) => Folder + "/" + dataset;

    public static string PartitionDirectory(string outdir, string dataset, LocalDate snapshotDate) =>
        Path.Combine(outdir, Folder, dataset, "snapshot_date=" + ReferenceDates.Format(snapshotDate));

    /// <summary>The file of one task, relative to the outdir, '/' separated.</summary>
    public static string RelativePath(string dataset, LocalDate snapshotDate, string label) =>
        $"{Folder}/{dataset}/snapshot_date={ReferenceDates.Format(snapshotDate)}/{label}.parquet";

    public static string ChunkLabel(int number) => ChunkPrefix + number.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>The number of a chunk label or file name (<c>part-00042</c>, <c>part-00042.parquet</c>), or null.</summary>
    public static int? ChunkNumber(string labelOrFileName)
    {
        var name = Path.GetFileNameWithoutExtension(labelOrFileName);
        return name.StartsWith(ChunkPrefix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(ChunkPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>The single file an earlier version wrote for a whole dataset and date.</summary>
    public static string LegacyFile(string outdir, string dataset, LocalDate snapshotDate) =>
        Path.Combine(PartitionDirectory(outdir, dataset, snapshotDate), "part.parquet");

    /// <summary>The published files of a partition (temporary files are hidden names and never listed), in name order.</summary>
    public static IReadOnlyList<string> PartFiles(string outdir, string dataset, LocalDate snapshotDate)
    {
        var directory = PartitionDirectory(outdir, dataset, snapshotDate);
        return Directory.Exists(directory)
            ? [.. Directory.GetFiles(directory, "part*.parquet").Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>
    /// Removes the file of a task that settled without one (a run that died between rename and ledger may have left
    /// it); the partition folder may not exist yet.
    /// </summary>
    public static void RemoveStaleFile(string outdir, string relativePath)
    {
        var path = Lake.LakeLayout.FullPath(outdir, relativePath);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>The first chunk number no file of the partition uses yet (files of earlier versions included).</summary>
    public static int FirstFreeChunkNumber(string outdir, string dataset, LocalDate snapshotDate) =>
        PartFiles(outdir, dataset, snapshotDate).Select(f => ChunkNumber(f) ?? -1).DefaultIfEmpty(-1).Max() + 1;
}
