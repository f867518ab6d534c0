using System.Globalization;
using NodaTime;
using SmallCaps.Core.Lake;

namespace SmallCaps.Core.Ticks;

/// <summary>
/// Where tick files live, Hive style, one file per ticker and New York session holding all its windows:
/// <code>&lt;outdir&gt;/trades/ticker=ABC/session_date=2024-03-15/part-20240315.parquet</code>
/// (<c>quotes/</c>, or <c>quotes_1hz/</c> for sampled quotes). Temp files use the lake's hidden <c>.part-*.tmp</c> names.
/// </summary>
public static class TickLayout
{
    /// <summary>The published file of a ticker and session, relative to the outdir, '/' separated.</summary>
    public static string RelativePath(TickDataset dataset, string ticker, LocalDate session) => string.Create(
        CultureInfo.InvariantCulture,
        $"{dataset.Name}/ticker={ticker}/session_date={session.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/part-{session.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.parquet");

    /// <summary>Glob a reader uses for one dataset (relative to the outdir).</summary>
    public static string Glob(TickDataset dataset) => $"{dataset.Name}/*/*/*.parquet";

    /// <summary>Deletes temp files a killed run left under the dataset folder; returns how many.</summary>
    public static int RemoveOrphanTempFiles(string outdir, TickDataset dataset) =>
        LakeCleanup.RemoveOrphanTempFiles(outdir, dataset.Name);
}
