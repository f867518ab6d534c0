using System.Globalization;
using System.Text;

namespace SmallCaps.Core.Backup;

/// <summary>Reads and writes <c>inventory.tsv</c> and <c>SHA256SUMS</c>.</summary>
public static class Inventory
{
    private const string Header = "path\tsize\tmtime_utc\tsha256";

    /// <summary>Writes the inventory (tab separated, header line first).</summary>
    public static void Write(string path, IEnumerable<InventoryEntry> entries)
    {
        using var w = new StreamWriter(path, append: false, new UTF8Encoding(false));
        w.NewLine = "\n";
        w.WriteLine(Header);
        foreach (var e in entries)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.Path}\t{e.Size}\t{e.ModifiedUtc:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}\t{e.Sha256}"));
        }
    }

    /// <summary>Writes the hashes in <c>sha256sum</c> format.</summary>
    public static void WriteHashes(string path, IEnumerable<InventoryEntry> entries)
    {
        using var w = new StreamWriter(path, append: false, new UTF8Encoding(false));
        w.NewLine = "\n";
        foreach (var e in entries)
        {
            w.WriteLine($"{e.Sha256}  {e.Path}");
        }
    }

    /// <summary>Reads an inventory; throws <see cref="InvalidDataException"/> naming the line of a bad one.</summary>
    public static IReadOnlyList<InventoryEntry> Read(string path)
    {
        var list = new List<InventoryEntry>();
        var seen = new Dictionary<string, InventoryEntry>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1)
            {
                if (line != Header)
                {
                    throw new InvalidDataException($"{path}:1: not a smallcaps inventory (header '{line}')");
                }

                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length != 4
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                || !DateTime.TryParse(parts[2], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var modified)
                || !IsSha256(parts[3]))
            {
                throw new InvalidDataException($"{path}:{lineNumber}: malformed inventory line");
            }

            var entry = new InventoryEntry(parts[0], size, DateTime.SpecifyKind(modified, DateTimeKind.Utc), parts[3]);
            if (seen.TryGetValue(entry.Path, out var first))
            {
                // Earlier builds listed reference-lake files twice, identically: read them once. Two different
                // contents under one path cannot both be restored.
                if (first != entry)
                {
                    throw new InvalidDataException($"{path}:{lineNumber}: {entry.Path} is listed twice with different contents");
                }

                continue;
            }

            seen.Add(entry.Path, entry);
            list.Add(entry);
        }

        return list;
    }

    /// <summary>Reads a <c>SHA256SUMS</c> file into path → digest.</summary>
    public static IReadOnlyDictionary<string, string> ReadHashes(string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var space = line.IndexOf("  ", StringComparison.Ordinal);
            if (space == 64)
            {
                map[line[(space + 2)..]] = line[..64];
            }
        }

        return map;
    }

    /// <summary>Whether text is 64 lower-case hex digits.</summary>
    public static bool IsSha256(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigitLower);
}
