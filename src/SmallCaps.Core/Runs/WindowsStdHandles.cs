using System.Runtime.InteropServices;

namespace SmallCaps.Core.Runs;

/// <summary>
/// On Windows a child started with redirected streams inherits every inheritable handle of its parent,
/// including the parent's own stdout: a script reading <c>smallcaps launch</c>'s output would then wait
/// until the background run ends. Clearing the inherit flag on our standard handles first prevents it.
/// </summary>
internal static class WindowsStdHandles
{
    private const int StdInput = -10;
    private const int StdOutput = -11;
    private const int StdError = -12;
    private const uint HandleFlagInherit = 1;

    /// <summary>Makes this process's standard handles non-inheritable (no-op off Windows).</summary>
    public static void StopInheritance()
    {
        if (!OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var id in new[] { StdInput, StdOutput, StdError })
        {
            var handle = GetStdHandle(id);
            if (handle != IntPtr.Zero && handle != new IntPtr(-1))
            {
                // Best effort: a console handle or a closed one just fails.
                _ = SetHandleInformation(handle, HandleFlagInherit, 0);
            }
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code enabled for the whole assembly; two calls do not justify it.
    [DllImport("kernel32.dll", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static extern IntPtr GetStdHandle(int stdHandle);

    [DllImport("kernel32.dll", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool SetHandleInformation(IntPtr handle, uint mask, uint flags);
#pragma warning restore SYSLIB1054
}
