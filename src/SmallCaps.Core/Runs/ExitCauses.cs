using System.Globalization;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Core.Runs;

/// <summary>Reads an ingest exit code: which codes end a run and which are crashes worth a restart.</summary>
internal static class ExitCauses
{
    /// <summary>True for the contract's codes (0, 1, 2, 3, 4, 130): the ingest ended on its own terms.</summary>
    public static bool IsContractCode(int exitCode) => exitCode is ExitCodes.Ok or ExitCodes.SomeFailed or ExitCodes.BadInput
        or ExitCodes.KeyRejected or ExitCodes.OutdirLocked or ExitCodes.Interrupted;

    /// <summary>One line naming the cause: a Unix signal, a Windows NTSTATUS, or the code.</summary>
    public static string Describe(int exitCode)
    {
        var c = CultureInfo.InvariantCulture;
        return exitCode switch
        {
            ExitCodes.Ok => "exit 0 (done)",
            ExitCodes.SomeFailed => "exit 1 (finished, some tasks failed)",
            ExitCodes.BadInput => "exit 2 (bad input)",
            ExitCodes.KeyRejected => "exit 3 (key rejected or plan not entitled)",
            ExitCodes.OutdirLocked => "exit 4 (another run holds the outdir)",
            ExitCodes.Interrupted => "exit 130 (interrupted)",
            > 128 and < 128 + 65 when !OperatingSystem.IsWindows() => string.Create(c, $"exit {exitCode} (killed by signal {exitCode - 128}{SignalName(exitCode - 128)})"),
            < 0 or > 0x7FFFFFFF => string.Create(c, $"exit {exitCode} (0x{exitCode:X8}{NtStatusName(unchecked((uint)exitCode))})"),
            _ => string.Create(c, $"exit {exitCode}"),
        };
    }

    private static string SignalName(int signal) => signal switch
    {
        1 => " SIGHUP",
        2 => " SIGINT",
        6 => " SIGABRT",
        9 => " SIGKILL",
        11 => " SIGSEGV",
        15 => " SIGTERM",
        _ => string.Empty,
    };

    private static string NtStatusName(uint status) => status switch
    {
        0xC0000005 => " access violation",
        0xC0000006 => " in-page error: the disk or network share failed",
        0xC00000FD => " stack overflow",
        0xC0000409 => " fail-fast",
        0xE0434352 => " unhandled .NET exception",
        _ => string.Empty,
    };
}
