namespace SmallCaps.TestSupport;

/// <summary>A file that exists but cannot be read, on any platform the tests run on.</summary>
public sealed class UnreadableFile : IDisposable
{
    // Write-only in sysfs: even root cannot read it.
    private const string SysfsWriteOnly = "/sys/bus/pci/rescan";

    private readonly FileStream? held;

    /// <summary>Uses the sysfs file when present, else makes <paramref name="path"/> unreadable (mode 000, or held without sharing on Windows).</summary>
    public UnreadableFile(string path)
    {
        if (File.Exists(SysfsWriteOnly))
        {
            Path = SysfsWriteOnly;
            return;
        }

        Path = path;
        File.WriteAllText(path, "ticker\n");
        if (OperatingSystem.IsWindows())
        {
            held = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.None);
        }
    }

    /// <summary>The path to read.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Dispose() => held?.Dispose();
}
