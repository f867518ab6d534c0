using System.Globalization;
using System.Text;

namespace SmallCaps.Core.Backup;

/// <summary>
/// The order of a destination's snapshots. Names do not give it: two snapshots made in the same second sort by label,
/// and the suffixes <c>-2</c>, <c>-3</c> sort wrongly from <c>-10</c> on. So each snapshot records in
/// <c>snapshot.tsv</c> a sequence number one past the destination's highest (taken under the destination lock) and its
/// creation time. Snapshots made before that file existed count as sequence 0, ordered by the time in their name, then
/// by when their inventory was written.
/// </summary>
internal static class SnapshotSequence
{
    private const string Header = "sequence\tcreated_utc";

    /// <summary>Snapshot folders, oldest first.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> snapshots) =>
        snapshots
            .Select(s => (Folder: s, Sequence: Read(s), Stamp: Stamp(s)))
            .OrderBy(s => s.Sequence)
            .ThenBy(s => s.Stamp, StringComparer.Ordinal)
            .ThenBy(s => File.GetLastWriteTimeUtc(Path.Combine(s.Folder, BackupLayout.InventoryFile)))
            .ThenBy(s => s.Folder, StringComparer.Ordinal)
            .Select(s => s.Folder)
            .ToList();

    /// <summary>The sequence number of a snapshot; 0 when it records none (made by an older build).</summary>
    public static long Read(string snapshot)
    {
        var path = Path.Combine(snapshot, BackupLayout.SequenceFile);
        if (!File.Exists(path))
        {
            return 0;
        }

        var lines = File.ReadAllLines(path);
        return lines.Length >= 2 && lines[0] == Header
            && long.TryParse(lines[1].Split('\t')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : 0;
    }

    /// <summary>Writes <c>snapshot.tsv</c> into a snapshot folder being written.</summary>
    public static void Write(string folder, long sequence, DateTimeOffset created) =>
        File.WriteAllText(
            Path.Combine(folder, BackupLayout.SequenceFile),
            string.Create(CultureInfo.InvariantCulture, $"{Header}\n{sequence}\t{created.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}\n"),
            new UTF8Encoding(false));

    // "20261121T120000Z-label": the creation second, the one thing a name says about order.
    private static string Stamp(string snapshot)
    {
        var name = Path.GetFileName(snapshot);
        return name.Length >= 16 ? name[..16] : name;
    }
}
