using System.Text;

namespace SmallCaps.Core.Runs;

/// <summary>The last lines of a log another process may still be writing (reads only its end).</summary>
internal static class LogTail
{
    /// <summary>Up to <paramref name="lines"/> last non-empty lines, or none when the file is missing.</summary>
    public static IReadOnlyList<string> Read(string path, int lines)
    {
        if (lines <= 0 || !File.Exists(path))
        {
            return [];
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = stream.Length;
            var take = (int)Math.Min(length, 64 * 1024);
            stream.Seek(length - take, SeekOrigin.Begin);
            var buffer = new byte[take];
            stream.ReadExactly(buffer);
            var text = Encoding.UTF8.GetString(buffer);
            var all = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
            if (take < length && all.Count > 0)
            {
                // The first line may be cut in the middle.
                all.RemoveAt(0);
            }

            return all.Skip(Math.Max(0, all.Count - lines)).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }
}
