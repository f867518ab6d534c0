namespace SmallCaps.Core.Backup;

/// <summary>
/// On-disk layout of a backup destination. Content lives once in a store shared by every snapshot;
/// a snapshot is a small folder of text files naming what to put where:
/// <code>
/// &lt;dest&gt;/objects/ab/ab12...ef          file content, named by its SHA-256 (written once)
/// &lt;dest&gt;/objects/ab/ab12...ef.corrupt  an object verify found damaged, moved aside (create copies it again)
/// &lt;dest&gt;/snapshots/20261121T070000Z-label/
///     inventory.tsv   path, size, mtime_utc, sha256 (one line per file)
///     SHA256SUMS      "sha256  path" lines: `sha256sum -c` in a restored folder
///     snapshot.tsv    sequence (one past the destination's highest: the order of snapshots), created_utc
///     README.md       restore steps
/// </code>
/// A snapshot folder is written under a hidden name and renamed when complete.
/// </summary>
public static class BackupLayout
{
    /// <summary>Folder of the content store.</summary>
    public const string ObjectsFolder = "objects";

    /// <summary>Folder of the snapshots.</summary>
    public const string SnapshotsFolder = "snapshots";

    /// <summary>Inventory file name inside a snapshot.</summary>
    public const string InventoryFile = "inventory.tsv";

    /// <summary>Hashes file name inside a snapshot.</summary>
    public const string HashesFile = "SHA256SUMS";

    /// <summary>File inside a snapshot recording its sequence number and creation time (what orders snapshots).</summary>
    public const string SequenceFile = "snapshot.tsv";

    /// <summary>Readme file name inside a snapshot.</summary>
    public const string ReadmeFile = "README.md";

    /// <summary>
    /// Lock file of the destination: <c>create</c> and <c>prune</c> hold it (with a <c>.info</c> note naming the holder), so a
    /// prune never removes objects a snapshot being written is about to name.
    /// </summary>
    public const string LockFile = ".lock";

    /// <summary>Prefix of incomplete snapshot folders and objects being written.</summary>
    public const string TempPrefix = ".tmp-";

    /// <summary>Suffix <c>backup verify</c> gives an object whose content no longer matches its name (moved aside, kept until a prune).</summary>
    public const string QuarantineSuffix = ".corrupt";

    /// <summary>Where an object with this digest lives.</summary>
    public static string ObjectPath(string objectsRoot, string sha256) =>
        Path.Combine(objectsRoot, sha256[..2], sha256);

    /// <summary>The content store of the destination holding <paramref name="snapshotPath"/>.</summary>
    public static string ObjectsRootOf(string snapshotPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(snapshotPath).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))!)!, ObjectsFolder);

    /// <summary>Complete snapshots of a destination, oldest first (see <see cref="SnapshotOrder"/>: not by name).</summary>
    public static IReadOnlyList<string> Snapshots(string destination) => Order(destination).OldestFirst;

    /// <summary>Complete snapshots of a destination in order, with whether that order is certain.</summary>
    internal static SnapshotOrder Order(string destination)
    {
        var root = Path.Combine(destination, SnapshotsFolder);
        return SnapshotOrder.Of(Directory.Exists(root)
            ? Directory.EnumerateDirectories(root).Where(d => !Path.GetFileName(d).StartsWith('.') && File.Exists(Path.Combine(d, InventoryFile)))
            : []);
    }
}
