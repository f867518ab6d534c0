namespace SmallCaps.Core.Lake;

/// <summary>Removes temporary files a killed run left behind (never a published file).</summary>
public static class LakeCleanup
{
    /// <summary>Deletes every <c>.part-*.tmp</c> under the dataset folder; returns how many.</summary>
    public static int RemoveOrphanTempFiles(string outdir, BarDataset dataset) => RemoveOrphanTempFiles(outdir, dataset.Name);

    /// <summary>Deletes every <c>.part-*.tmp</c> under <paramref name="folder"/> of the outdir (ticks, reference data); returns how many.</summary>
    public static int RemoveOrphanTempFiles(string outdir, string folder)
    {
        var root = Path.Combine(outdir, folder);
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(root, LakeLayout.TempPrefix + "*" + LakeLayout.TempSuffix, SearchOption.AllDirectories))
        {
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (IOException)
            {
                // Still open by someone: the lock says no other run is alive, so leave it for next time.
            }
        }

        return removed;
    }
}
