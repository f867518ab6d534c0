using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;
using ILogger = Serilog.ILogger;

namespace SmallCaps.Core.Tasks;

/// <summary>
/// The outdir side of one run, the same for every dataset: hold the outdir lock and the ledger, clean up what a
/// killed run left (temp files, running tasks), and record the run in the ledger. Planning is the dataset's.
/// </summary>
internal sealed class RunSession : IDisposable
{
    private readonly OutdirLock _lock;

    private RunSession(OutdirLock outdirLock, SqliteLedger ledger)
    {
        _lock = outdirLock;
        Ledger = ledger;
    }

    /// <summary>The outdir's ledger, open while the session is.</summary>
    public SqliteLedger Ledger { get; }

    /// <summary>
    /// Locks the outdir (creating it), opens the ledger, removes orphan temp files and puts running tasks back
    /// to pending; throws <see cref="OutdirLockedException"/> when another run holds the outdir.
    /// </summary>
    /// <param name="outdir">Root of the lake.</param>
    /// <param name="removeOrphanTempFiles">Deletes the dataset's temp files (called under the lock); returns how many.</param>
    /// <param name="clock">Time for the lock note and the ledger.</param>
    /// <param name="log">Where take-over and clean-up are reported.</param>
    public static RunSession Open(string outdir, Func<int> removeOrphanTempFiles, TimeProvider clock, ILogger log)
    {
        Directory.CreateDirectory(outdir);
        if (Lake.NetworkDisk.Of(outdir) is { } network)
        {
            log.Warning("{Outdir} is on a network file system ({FileSystem}): the ledger (SQLite, WAL) needs a local disk to stay safe; keep the outdir local and back it up to the share with 'smallcaps backup create'", outdir, network);
        }

        var outdirLock = OutdirLock.Acquire(outdir, clock);
        try
        {
            if (outdirLock.PreviousHolder is { } previous)
            {
                log.Warning("Took over the lock of a run that died ({Holder})", previous);
            }

            var ledger = SqliteLedger.Open(outdir, clock);
            foreach (var note in ledger.UpgradeNotes)
            {
                log.Warning("{Note}", note);
            }

            var session = new RunSession(outdirLock, ledger);
            try
            {
                session.CleanUp(removeOrphanTempFiles(), log);
                return session;
            }
            catch
            {
                ledger.Dispose();
                throw;
            }
        }
        catch
        {
            outdirLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Records a run in the ledger around <paramref name="start"/>: <paramref name="started"/> is called once the
    /// run is under way (its counters exist); a run that throws is recorded as crashed and the exception rethrown.
    /// </summary>
    public async Task<IngestOutcome> RecordAsync(string commandLine, Func<Task<IngestOutcome>> start, Action started)
    {
        var runId = Ledger.StartRun(commandLine);
        IngestOutcome outcome;
        try
        {
            var running = start();
            started();
            outcome = await running;
        }
        catch
        {
            Ledger.EndRun(runId, ExitCodes.SomeFailed, "crashed");
            throw;
        }

        Ledger.EndRun(runId, outcome.ExitCode, IngestSummary.OneLine(outcome));
        return outcome;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Ledger.Dispose();
        _lock.Dispose();
    }

    private void CleanUp(int removed, ILogger log)
    {
        using var tx = Ledger.Begin();
        var reset = tx.ResetRunning();
        tx.Commit();
        if (removed > 0 || reset > 0)
        {
            log.Information("Cleaned up after an interrupted run: {Temp} temp files removed, {Reset} tasks back to pending", removed, reset);
        }
    }
}
