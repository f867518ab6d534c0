using System.Globalization;
using System.Text.RegularExpressions;

namespace SmallCaps.Cli.Ingest;

/// <summary>
/// Names of run logs: <c>{name}-yyyyMMdd-HHmmss-fff.log</c> (UTC), with <c>-2</c>, <c>-3</c>… when another run took
/// the name in the same millisecond, so every run has its own file.
/// </summary>
internal static partial class RunLogName
{
    private const string StampFormat = "yyyyMMdd-HHmmss-fff";

    /// <summary>Creates an empty, unused log file for a run starting at <paramref name="now"/> and returns its path.</summary>
    public static string Reserve(string folder, string name, DateTimeOffset now)
    {
        var stem = $"{name}-{now.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture)}";
        for (var n = 1; ; n++)
        {
            var path = Path.Combine(folder, n == 1 ? $"{stem}.log" : string.Create(CultureInfo.InvariantCulture, $"{stem}-{n}.log"));
            try
            {
                // CreateNew is the claim: a run started in the same instant, in this process or another, gets the next number.
                using (new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite))
                {
                }

                return path;
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }
    }

    /// <summary>
    /// The run logs of <paramref name="name"/> among <paramref name="paths"/> (this shape, or the older one without
    /// milliseconds), oldest first: by stamp, then by number.
    /// </summary>
    public static IReadOnlyList<string> OldestFirst(IEnumerable<string> paths, string name)
    {
        var logs = new List<(string Path, string Stamp, int Number)>();
        foreach (var path in paths)
        {
            var fileName = Path.GetFileName(path);
            var match = Shape().Match(fileName, Math.Min(name.Length + 1, fileName.Length));
            if (fileName.StartsWith(name + "-", StringComparison.Ordinal) && match.Success)
            {
                var number = match.Groups["n"].Success ? int.Parse(match.Groups["n"].ValueSpan, CultureInfo.InvariantCulture) : 1;
                logs.Add((path, match.Groups["stamp"].Value, number));
            }
        }

        return [.. logs.OrderBy(l => l.Stamp, StringComparer.Ordinal).ThenBy(l => l.Number).Select(l => l.Path)];
    }

    [GeneratedRegex(@"\G(?<stamp>[0-9]{8}-[0-9]{6}(-[0-9]{3})?)(-(?<n>[0-9]{1,6}))?\.log\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
