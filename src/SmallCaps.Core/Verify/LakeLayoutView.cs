using SmallCaps.Core.Lake;

namespace SmallCaps.Core.Verify;

/// <summary>
/// Adapter to the lake layout for verify and backup: which folders hold datasets, which names are
/// temporary, how a path names its ticker. The one place to follow when the layout changes.
/// </summary>
public static class LakeLayoutView
{
    /// <summary>Name of the daily bars dataset.</summary>
    public static string DailyDataset => BarDataset.Daily.Name;

    /// <summary>Name of the minute bars dataset.</summary>
    public static string MinuteDataset => BarDataset.Minute.Name;

    /// <summary>Dataset folders whose files the ledger accounts for: bars, trades, quotes (and sampled quotes, <c>quotes_1hz</c>).</summary>
    public static IReadOnlyList<string> DatasetFolders { get; } = [BarDataset.Daily.Name, BarDataset.Minute.Name, "trades", "quotes"];

    /// <summary>
    /// Reference datasets select-universe keeps as ledger tasks, '/' separated (<c>reference/splits</c>): each a folder
    /// of the outdir, and the ledger's dataset name.
    /// </summary>
    public static IReadOnlyList<string> ReferenceDatasets { get; } =
        [.. new[] { Universe.ReferenceLake.TickersDataset, Universe.ReferenceLake.DetailsDataset, Universe.ReferenceLake.SplitsDataset, Universe.ReferenceLake.DividendsDataset, Universe.ReferenceLake.TickerEventsDataset }.Select(Universe.ReferenceLake.LedgerDataset)];

    /// <summary>Whether a file of a reference dataset is the single <c>part.parquet</c> of a snapshot that versions before the ledger wrote.</summary>
    public static bool IsLegacyReferenceFile(string relativePath) =>
        relativePath.Split('/') is [_, _, var snapshot, "part.parquet"] && snapshot.StartsWith("snapshot_date=", StringComparison.Ordinal);

    /// <summary>Whether a top-level folder of the outdir holds a ledger-tracked dataset.</summary>
    public static bool IsDatasetFolder(string name) =>
        DatasetFolders.Contains(name) || name.StartsWith("quotes_", StringComparison.Ordinal);

    /// <summary>The dataset folders present in an outdir.</summary>
    public static IEnumerable<string> DatasetFoldersIn(string outdir) =>
        Directory.Exists(outdir)
            ? Directory.EnumerateDirectories(outdir).Select(Path.GetFileName).OfType<string>().Where(IsDatasetFolder).Order(StringComparer.Ordinal)
            : [];

    /// <summary>Whether a dataset holds bars in <see cref="BarSchema"/>.</summary>
    public static bool IsBarDataset(string dataset) => dataset == DailyDataset || dataset == MinuteDataset;

    /// <summary>Whether a file name is an in-progress or partial file.</summary>
    public static bool IsTempName(string fileName) =>
        (fileName.StartsWith(LakeLayout.TempPrefix, StringComparison.Ordinal) && fileName.EndsWith(LakeLayout.TempSuffix, StringComparison.Ordinal))
        || fileName.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".partial", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a file name is a published data file.</summary>
    public static bool IsDataFileName(string fileName) => fileName.EndsWith(".parquet", StringComparison.Ordinal) && !fileName.StartsWith('.');

    /// <summary>The outdir-relative, '/' separated form of a full path.</summary>
    public static string Relative(string outdir, string fullPath) => Path.GetRelativePath(outdir, fullPath).Replace('\\', '/');

    /// <summary>The full path of a relative lake path.</summary>
    public static string Full(string outdir, string relativePath) => LakeLayout.FullPath(outdir, relativePath);

    /// <summary>The ticker a relative path names (<c>ticker=ABC</c> segment), or null.</summary>
    public static string? TickerOf(string relativePath)
    {
        foreach (var segment in relativePath.Split('/'))
        {
            if (segment.StartsWith("ticker=", StringComparison.Ordinal))
            {
                return segment["ticker=".Length..];
            }
        }

        return null;
    }

    /// <summary>The dataset a relative path belongs to (its first segment), or null.</summary>
    public static string? DatasetOf(string relativePath)
    {
        var slash = relativePath.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && IsDatasetFolder(relativePath[..slash]) ? relativePath[..slash] : null;
    }
}
