using System.Globalization;
using SmallCaps.Core.Progress;

namespace SmallCaps.Cli.Output;

/// <summary>One plain progress line of verify or a backup verb: files and MB of the step, elapsed time, ETA.</summary>
internal static class WorkProgressLine
{
    /// <summary>
    /// <c>checked 1,234/5,360 files  812.3/2,100.0 MB  elapsed 00:00:20  eta 00:00:28</c>; with <paramref name="copies"/>, the files
    /// left as they were and those copied come after the MB.
    /// </summary>
    public static string Format(WorkSnapshot s, bool copies = false)
    {
        if (!s.Counted)
        {
            return $"{s.Step}  elapsed {Clock(s.Elapsed)}";
        }

        var copied = copies ? string.Create(CultureInfo.InvariantCulture, $"  unchanged {s.Unchanged:N0}  copied {s.Copied:N0} ({s.CopiedBytes / 1048576.0:F1} MB)") : string.Empty;
        var eta = s.Eta is { } left ? Clock(left) : "--:--:--";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{s.Step} {s.Files:N0}/{s.FilesTotal:N0} files  {s.Bytes / 1048576.0:F1}/{s.BytesTotal / 1048576.0:F1} MB{copied}  elapsed {Clock(s.Elapsed)}  eta {eta}");
    }

    // Hours past 24 stay hours: a first backup to a slow share can take that long.
    private static string Clock(TimeSpan t) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}");
}
