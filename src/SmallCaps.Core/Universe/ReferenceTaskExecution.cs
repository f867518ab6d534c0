using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Tasks;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Universe;

/// <summary>
/// One reference task with the ingest contract: running (the attempt counted), then done once its file is published
/// (the body returns it), empty when there were no rows (no file; one a dead run left is removed), failed with its
/// reason, or pending again on Ctrl+C. A rejected key, an outage or a 403 is no task failure: it stops the run.
/// </summary>
internal static class ReferenceTaskExecution
{
    /// <summary>Runs the body and settles the task; returns the failure reason, or null when done or empty.</summary>
    public static async Task<string?> RunAsync(ReferenceSession session, long taskId, string relativePath, Func<CancellationToken, Task<CommittedFile?>> body, CancellationToken ct)
    {
        session.MarkRunning(taskId);
        try
        {
            if (await body(ct) is { } file)
            {
                session.MarkDone(taskId, file);
            }
            else
            {
                ReferenceLake.RemoveStaleFile(session.Outdir, relativePath);
                session.Settle(taskId, TaskState.Empty, null);
            }

            return null;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            session.Settle(taskId, TaskState.Pending, null);
            throw;
        }
        catch (MassiveApiException ex) when (ex.IsRunFatal || ex.Kind == MassiveErrorKind.NotEntitled)
        {
            // Asking again now cannot help: the task waits for a run with a working key or plan, or for the API to come back.
            var (state, reason) = ex.Kind switch
            {
                MassiveErrorKind.NotEntitled => (TaskState.NotEntitled, ex.Message),
                MassiveErrorKind.Unavailable => (TaskState.Failed, ex.Message),
                _ => (TaskState.Pending, (string?)null),
            };
            session.Settle(taskId, state, reason);
            throw;
        }
        catch (Exception ex) when (ex is MassiveApiException or PageFormatException or IOException or ParquetFormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            var reason = TaskErrors.Reason(ex);
            session.Settle(taskId, TaskState.Failed, reason);
            return reason;
        }
    }
}
