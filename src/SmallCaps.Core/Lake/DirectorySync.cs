using System.Runtime.InteropServices;

namespace SmallCaps.Core.Lake;

/// <summary>
/// fsync of a folder after a rename, so the new name survives a power cut (POSIX). Windows has no
/// equivalent for folders; NTFS journals the rename, so it is a no-op there.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0;
    private const int LinuxDirectoryFlag = 0x10000;

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, ReadOnly | LinuxDirectoryFlag);
        if (fd < 0)
        {
            return;
        }

        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
