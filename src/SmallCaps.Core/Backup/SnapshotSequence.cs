using System.Globalization;
using System.Text;

namespace SmallCaps.Core.Backup;

/// <summary>
/// <c>snapshot.tsv</c>: the sequence number of a snapshot (one past the destination's highest, taken under the
/// destination lock) and its creation time. The sequence, not the clock, orders the snapshots that record one: two made
/// in the same second sort by label by name, the suffixes <c>-2</c>, <c>-3</c> sort wrongly from <c>-10</c> on, and a
/// clock set back would put a new snapshot before older ones. <see cref="SnapshotOrder"/> places the snapshots older
/// builds made (no such file) among them by time.
/// </summary>
internal static class SnapshotSequence
{
    private const string Header = "sequence\tcreated_utc";

    /// <summary>The sequence number and creation time a snapshot records; null when it records none (made by an older build).</summary>
    public static (long Sequence, DateTimeOffset? Created)? Read(string snapshot)
    {
        var path = Path.Combine(snapshot, BackupLayout.SequenceFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length < 2 || lines[0] != Header)
        {
            return null;
        }

        var fields = lines[1].Split('\t');
        if (!long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return null;
        }

        DateTimeOffset? created = fields.Length > 1
            && DateTimeOffset.TryParse(fields[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
        return (sequence, created);
    }

    /// <summary>Writes <c>snapshot.tsv</c> into a snapshot folder being written.</summary>
    public static void Write(string folder, long sequence, DateTimeOffset created) =>
        File.WriteAllText(
            Path.Combine(folder, BackupLayout.SequenceFile),
            string.Create(CultureInfo.InvariantCulture, $"{Header}\n{sequence}\t{created.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}\n"),
            new UTF8Encoding(false));
}
