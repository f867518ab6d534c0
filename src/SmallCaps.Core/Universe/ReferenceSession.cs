using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Universe;

/// <summary>
/// The outdir side of a <c>select-universe</c> run, as an ingest session does it: the outdir lock (another run gets
/// <see cref="OutdirLockedException"/> naming the holder, before anything is written), the ledger, temp files of a
/// killed run removed and its running tasks put back to pending, the run recorded.
/// </summary>
internal sealed class ReferenceSession : IDisposable
{
    private readonly OutdirLock _lock;
    private readonly long _runId;
    private bool _ended;

    private ReferenceSession(string outdir, OutdirLock outdirLock, SqliteLedger ledger, long runId)
    {
        Outdir = outdir;
        _lock = outdirLock;
        Ledger = ledger;
        _runId = runId;
    }

    public string Outdir { get; }

    public SqliteLedger Ledger { get; }

    public static ReferenceSession Open(string outdir, TimeProvider clock, string commandLine, TextWriter output)
    {
        Directory.CreateDirectory(outdir);
        var outdirLock = OutdirLock.Acquire(outdir, clock);
        SqliteLedger? ledger = null;
        try
        {
            if (outdirLock.PreviousHolder is { } previous)
            {
                output.WriteLine($"Took over the lock of a run that died ({previous})");
            }

            ledger = SqliteLedger.Open(outdir, clock);

            // The same cleanup as ingest, on the reference folder (a pseudo dataset names it, as ticks do).
            var removed = LakeCleanup.RemoveOrphanTempFiles(outdir, new BarDataset(ReferenceLake.Folder, ReferenceLake.TaskKind, PartitionByYear: false));
            int reset;
            using (var tx = ledger.Begin())
            {
                reset = tx.ResetRunning();
                tx.Commit();
            }

            if (removed > 0 || reset > 0)
            {
                output.WriteLine($"Cleaned up after an interrupted run: {removed} temp files removed, {reset} tasks back to pending");
            }

            return new ReferenceSession(outdir, outdirLock, ledger, ledger.StartRun(commandLine));
        }
        catch
        {
            ledger?.Dispose();
            outdirLock.Dispose();
            throw;
        }
    }

    public void MarkRunning(long taskId)
    {
        using var tx = Ledger.Begin();
        tx.MarkRunning(taskId);
        tx.Commit();
    }

    public void MarkDone(long taskId, CommittedFile file)
    {
        using var tx = Ledger.Begin();
        tx.MarkDone(taskId, file);
        tx.Commit();
    }

    public void Settle(long taskId, TaskState state, string? error)
    {
        using var tx = Ledger.Begin();
        tx.SetState(taskId, state, error);
        tx.Commit();
    }

    public void End(int exitCode, string summary)
    {
        if (!_ended)
        {
            _ended = true;
            Ledger.EndRun(_runId, exitCode, summary);
        }
    }

    public void Dispose()
    {
        Ledger.Dispose();
        _lock.Dispose();
    }
}
