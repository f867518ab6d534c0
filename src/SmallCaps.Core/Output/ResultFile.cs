using System.Globalization;

namespace SmallCaps.Core.Output;

/// <summary>
/// Puts a finished result (universe CSV/Parquet, manifest, HTML report) in place of the file the user named. Another
/// program may hold the old file (Excel on Windows does not let it be replaced): the replace is retried briefly, and if it
/// still fails the result is kept next to it under a clear name, so a long run's work is never lost.
/// </summary>
public static class ResultFile
{
    /// <summary>Replace attempts before the result is kept aside.</summary>
    public const int Attempts = 10;

    /// <summary>The wait between two attempts (about 3 seconds in all).</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Moves <paramref name="temp"/> onto <paramref name="target"/>; throws <see cref="ResultNotReplacedException"/>
    /// naming both files when the target could not be replaced (the result is then at <see cref="ResultNotReplacedException.KeptAt"/>).
    /// </summary>
    public static async Task ReplaceAsync(string temp, string target, TimeProvider time)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                File.Move(temp, target, overwrite: true);
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (attempt >= Attempts)
                {
                    throw new ResultNotReplacedException(target, KeepAside(temp, target, time), ex);
                }
            }

            // Not cancellable: the result is complete, and a Ctrl+C now must not lose it.
            await Task.Delay(Pause, time, CancellationToken.None);
        }
    }

    /// <summary>A hidden temp name beside <paramref name="target"/> (same folder, so the replace is a rename).</summary>
    public static string TempFor(string target)
    {
        var full = Path.GetFullPath(target);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>The name a result is kept under when its target is held: <c>universe.new-20251017T223000Z.csv</c>, beside the target.</summary>
    public static string AsideName(string target, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
        return Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(target)}.new-{stamp}{Path.GetExtension(target)}");
    }

    private static string KeepAside(string temp, string target, TimeProvider time)
    {
        var aside = AsideName(target, time.GetUtcNow());
        try
        {
            File.Move(temp, aside, overwrite: false);
            return aside;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The temp file is complete too: better a hidden name than nothing.
            return temp;
        }
    }
}
