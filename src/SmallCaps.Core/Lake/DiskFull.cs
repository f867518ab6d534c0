using Microsoft.Data.Sqlite;

namespace SmallCaps.Core.Lake;

/// <summary>
/// Recognises "no space left" (or over quota) wherever it surfaces: a file write, an fsync, or the ledger. Every
/// further task would fail the same way, so the run stops and leaves its tasks pending instead of failing them all.
/// </summary>
public static class DiskFull
{
    // errno ENOSPC is 28 on Linux and macOS; EDQUOT is 122 on Linux, 69 on macOS. Windows: ERROR_DISK_FULL (112) and
    // ERROR_HANDLE_DISK_FULL (39) as HRESULTs.
    private const int Enospc = 28;
    private const int EdquotLinux = 122;
    private const int EdquotMac = 69;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int SqliteFull = 13;

    /// <summary>True when <paramref name="error"/> or an exception inside it says the disk (or quota) is full.</summary>
    public static bool Is(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is IOException io && IsFullCode(io.HResult))
            {
                return true;
            }

            if (e is SqliteException { SqliteErrorCode: SqliteFull })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The line a run stops with.</summary>
    public static string Reason(string outdir) => $"no space left on the disk of {outdir}: {Advice} (finished files are kept)";

    /// <summary>The line for a full disk met outside a run's tasks, with the system's own words.</summary>
    public static string Line(Exception error) => $"no space left on the disk ({error.Message}): {Advice}";

    // What every full-disk message tells the user to do.
    private const string Advice = "free some space and run the same command again to resume";

    private static bool IsFullCode(int hresult) =>
        OperatingSystem.IsWindows()
            ? hresult is WindowsDiskFull or WindowsHandleDiskFull
            : hresult == Enospc || hresult == (OperatingSystem.IsMacOS() ? EdquotMac : EdquotLinux);
}
