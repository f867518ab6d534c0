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
}
