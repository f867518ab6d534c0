using System.Globalization;
using NodaTime;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Lake;

/// <summary>
/// Where files live, Hive style so DuckDB and polars see <c>ticker</c> (and <c>year</c>) as columns:
/// <code>
/// &lt;outdir&gt;/bars_1d/ticker=ABC/part-20050101-20241231.parquet
/// &lt;outdir&gt;/bars_1m/ticker=ABC/year=2021/part-20210101-20211231.parquet
/// &lt;outdir&gt;/_ledger/ledger.db, run.lock     &lt;outdir&gt;/_logs/*.log
/// </code>
/// A file holds exactly one ledger window (named after the window it was written for; empty windows folded
/// into its ledger row later widen the row, not the name) and is never rewritten in place. Extending <c>--to</c> adds a
/// file for the new window; the end of the run merges a partition's adjacent windows into one new file
/// (see <c>PartitionMerger</c>), so windows never overlap and no bar is stored twice. Temporary files are
/// <c>.part-*.tmp</c>: hidden from <c>*.parquet</c> globs.
/// </summary>
public static class LakeLayout
{
    /// <summary>Prefix of in-progress files.</summary>
    public const string TempPrefix = ".part-";

    /// <summary>Suffix of in-progress files.</summary>
    public const string TempSuffix = ".tmp";

    /// <summary>Folder of the logs, relative to the outdir.</summary>
    public const string LogsFolder = "_logs";

    /// <summary>The published file of a task, relative to the outdir, '/' separated.</summary>
    public static string RelativePath(BarDataset dataset, TaskKey key)
    {
        var file = string.Create(CultureInfo.InvariantCulture, $"part-{Compact(key.WindowStart)}-{Compact(key.WindowEnd)}.parquet");
        return dataset.PartitionByYear
            ? string.Create(CultureInfo.InvariantCulture, $"{dataset.Name}/ticker={key.Ticker}/year={key.WindowStart.Year}/{file}")
            : $"{dataset.Name}/ticker={key.Ticker}/{file}";
    }

    /// <summary>
    /// The file of a window fetched again while <paramref name="previous"/> still holds its old bars: a name other than
    /// that one (the usual name, or the usual name with <c>.refetched</c>), so the old file stays until the new one is in.
    /// </summary>
    public static string RefetchPath(BarDataset dataset, TaskKey key, string previous)
    {
        var usual = RelativePath(dataset, key);
        return previous == usual ? string.Concat(usual.AsSpan(0, usual.Length - ".parquet".Length), ".refetched.parquet") : usual;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies under it (the OS's case rules).</summary>
    public static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }

    /// <summary>The absolute path of a relative lake path.</summary>
    public static string FullPath(string outdir, string relativePath) =>
        Path.Combine(outdir, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A fresh temporary name beside <paramref name="finalPath"/>.</summary>
    public static string TempPathFor(string finalPath) =>
        Path.Combine(Path.GetDirectoryName(finalPath)!, $"{TempPrefix}{Guid.NewGuid():N}{TempSuffix}");

    /// <summary>Glob a reader uses for one dataset (relative to the outdir).</summary>
    public static string Glob(BarDataset dataset) => dataset.PartitionByYear ? $"{dataset.Name}/*/*/*.parquet" : $"{dataset.Name}/*/*.parquet";

    private static string Compact(LocalDate date) =>
        date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
