namespace SmallCaps.TestSupport;

/// <summary>A folder in which creating anything is denied (<see cref="UnauthorizedAccessException"/>), even to root.</summary>
public sealed class UnwritableFolder
{
    // sysfs refuses new entries to everyone, root included.
    private const string Sysfs = "/sys/bus/pci";

    /// <summary>Uses sysfs when present, else makes <paramref name="path"/> a folder without write permission.</summary>
    public UnwritableFolder(string path)
    {
        if (Directory.Exists(Sysfs))
        {
            Path = Sysfs;
            return;
        }

        Path = path;
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The folder.</summary>
    public string Path { get; }
}
