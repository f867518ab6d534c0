namespace SmallCaps.Core.Lake;

/// <summary>
/// Tells whether a folder lives on a network file system (SMB share, mapped drive, NFS): SQLite's WAL mode, which the
/// ledger uses, is not reliable there, so a run warns before it writes.
/// </summary>
public static class NetworkDisk
{
    /// <summary>The network file system holding <paramref name="path"/> ("cifs", "nfs4", "UNC path"...), or null when local or unknown.</summary>
    public static string? Of(string path)
    {
        try
        {
            var drives = DriveInfo.GetDrives().Select(d => (d.RootDirectory.FullName, d.DriveType, Format(d)));
            return Of(Path.GetFullPath(path), drives);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable mount table is no reason to stop a run.
            return null;
        }
    }

    /// <summary>As <see cref="Of(string)"/>, over a given list of mounts (root, type, format).</summary>
    public static string? Of(string fullPath, IEnumerable<(string Root, DriveType Type, string Format)> drives)
    {
        if (fullPath.StartsWith(@"\\", StringComparison.Ordinal) && !fullPath.StartsWith(@"\\?\", StringComparison.Ordinal) && !fullPath.StartsWith(@"\\.\", StringComparison.Ordinal))
        {
            return "UNC path";
        }

        // The mount is the longest root the path lies under.
        var best = drives
            .Where(d => LakeLayout.IsInside(fullPath, d.Root))
            .OrderByDescending(d => d.Root.Length)
            .FirstOrDefault();
        return best.Root is not null && best.Type == DriveType.Network ? (best.Format.Length > 0 ? best.Format : "network drive") : null;
    }

    private static string Format(DriveInfo drive)
    {
        try
        {
            return drive.DriveFormat;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
