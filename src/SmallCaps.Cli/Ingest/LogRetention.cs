namespace SmallCaps.Cli.Ingest;

/// <summary>Keeps a nightly scheduled task from filling <c>_logs</c>: only the newest run logs of each name stay.</summary>
internal static class LogRetention
{
    /// <summary>Run logs kept per name (dataset or verb): about three months of nightly runs.</summary>
    public const int Kept = 100;

    /// <summary>Deletes run logs of <paramref name="name"/> (<see cref="RunLogName"/>) in <paramref name="folder"/> beyond the newest <paramref name="keep"/>; returns how many.</summary>
    public static int Prune(string folder, string name, int keep = Kept)
    {
        // Other names (a longer prefix, a user's own file) never match the exact shape.
        var old = RunLogName.OldestFirst(Directory.EnumerateFiles(folder, $"{name}-*.log"), name).SkipLast(keep).ToList();
        var removed = 0;
        foreach (var file in old)
        {
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Open in a viewer (Windows) or read-only: it goes next time.
            }
        }

        return removed;
    }
}
