using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Tasks;

/// <summary>How an error while fetching one unit of work weighs on the run.</summary>
internal static class TaskErrors
{
    /// <summary>True for what fails one task but leaves the others worth trying.</summary>
    public static bool FailsTask(Exception ex) =>
        ex is MassiveApiException or PageFormatException or IOException or ParquetFormatException or UnauthorizedAccessException or InvalidOperationException;

    /// <summary>
    /// A failed task's reason for the ledger, the log and the summary: the API's own errors say what happened in words,
    /// so they go without the .NET type name; any other error keeps it (an IOException is worth naming).
    /// </summary>
    public static string Reason(Exception ex) => ex is MassiveApiException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
}
