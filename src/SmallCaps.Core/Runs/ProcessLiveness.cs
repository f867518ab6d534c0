using System.Diagnostics;

namespace SmallCaps.Core.Runs;

/// <summary>
/// Is the process a run record names still that run? A pid alone lies after the OS reuses it, so
/// the recorded start time must match too (Windows and Linux both report it).
/// </summary>
internal static class ProcessLiveness
{
    /// <summary>How far the recorded and the observed start time may differ (clock tick rounding).</summary>
    public static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(2);

    /// <summary>
    /// True when <paramref name="pid"/> runs and is the recorded process: same <paramref name="startTicks"/>
    /// when both sides know it (exact), else a start time within <see cref="StartTimeTolerance"/>.
    /// </summary>
    public static bool IsAlive(int pid, DateTimeOffset? startedAt, long? startTicks = null)
    {
        if (pid <= 0)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited || IsZombie(pid))
            {
                return false;
            }

            if (startTicks is { } ticks && StartTicksOf(process) is { } observed)
            {
                return ticks == observed;
            }

            if (startedAt is not { } expected)
            {
                return true;
            }

            var actual = StartTimeOf(process);
            return actual is { } a && (a - expected).Duration() <= StartTimeTolerance;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Windows refuses to open some processes (a service that took the reused pid); the user's own run opens.
            return false;
        }
    }

    /// <summary>The OS start time of a process (UTC), or null when it cannot be read.</summary>
    public static DateTimeOffset? StartTimeOf(Process process)
    {
        try
        {
            return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// A start stamp that never moves for a process: on Linux the boot-relative start in clock ticks from
    /// /proc (a wall-clock start time is rebuilt from the boot time at each read, so it shifts when the clock is
    /// stepped); elsewhere the OS creation time in UTC ticks. Null when it cannot be read.
    /// </summary>
    public static long? StartTicksOf(Process process)
    {
        if (OperatingSystem.IsLinux())
        {
            return LinuxStartTicks(process.Id);
        }

        return StartTimeOf(process)?.UtcTicks;
    }

    // Field 22 of /proc/PID/stat, counted after the command name's closing parenthesis (the name may hold spaces).
    private static long? LinuxStartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            if (close < 0)
            {
                return null;
            }

            var fields = stat[(close + 2)..].Split(' ');
            return fields.Length > 19 && long.TryParse(fields[19], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // An exited child not yet reaped by its parent still has a pid on Linux.
    private static bool IsZombie(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] is 'Z' or 'X';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
