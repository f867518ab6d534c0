using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Tasks;

namespace SmallCaps.Core.Universe;

/// <summary>
/// The outdir side of a <c>select-universe</c> run, as an ingest session does it: the outdir lock (another run gets
/// <see cref="OutdirLockedException"/> naming the holder, before anything is written), the ledger, temp files of a
/// killed run removed and its running tasks put back to pending, the run recorded.
/// </summary>
internal sealed class ReferenceSession : IDisposable
{
    private readonly RunSession _run;
    private readonly long _runId;
    private bool _ended;

    private ReferenceSession(string outdir, RunSession run, string commandLine)
    {
        Outdir = outdir;
        _run = run;
        _runId = run.Ledger.StartRun(commandLine);
    }

    public string Outdir { get; }

    public SqliteLedger Ledger => _run.Ledger;

    /// <summary>Opens through the same <see cref="RunSession"/> as ingest; its notices go to <paramref name="output"/>.</summary>
    public static ReferenceSession Open(string outdir, TimeProvider clock, string commandLine, TextWriter output)
    {
        var run = RunSession.Open(outdir, () => LakeCleanup.RemoveOrphanTempFiles(outdir, ReferenceLake.Folder), clock, TextWriterLogSink.Logger(output));
        try
        {
            return new ReferenceSession(outdir, run, commandLine);
        }
        catch
        {
            run.Dispose();
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

    public void Dispose() => _run.Dispose();
}
