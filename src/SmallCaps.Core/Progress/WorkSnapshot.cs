namespace SmallCaps.Core.Progress;

/// <summary>What <see cref="WorkProgress"/> counted so far.</summary>
/// <param name="Step">The step under way ("checking", "copying", ...).</param>
/// <param name="Counted">Whether the step has totals (false while the ledger is read or the snapshot written).</param>
/// <param name="Files">Files of the step done.</param>
/// <param name="FilesTotal">Files the step goes through.</param>
/// <param name="Bytes">Bytes of the files done.</param>
/// <param name="BytesTotal">Bytes of all the step's files.</param>
/// <param name="Unchanged">Files done without reading them (unchanged since the previous snapshot).</param>
/// <param name="Copied">Files whose content was new to the store.</param>
/// <param name="CopiedBytes">Bytes of those files.</param>
/// <param name="Elapsed">Time since the job started.</param>
/// <param name="StepElapsed">Time since the counted step started (its pace gives the ETA).</param>
public sealed record WorkSnapshot(
    string Step, bool Counted, long Files, long FilesTotal, long Bytes, long BytesTotal, long Unchanged, long Copied, long CopiedBytes, TimeSpan Elapsed, TimeSpan StepElapsed)
{
    /// <summary>Time left at the step's pace so far (by bytes, by files when the files are empty); null before anything is done or without totals.</summary>
    public TimeSpan? Eta
    {
        get
        {
            var (done, total) = BytesTotal > 0 ? (Bytes, BytesTotal) : (Files, FilesTotal);
            if (!Counted || done <= 0 || total <= done)
            {
                return Counted && total > 0 && done >= total ? TimeSpan.Zero : null;
            }

            return TimeSpan.FromSeconds(StepElapsed.TotalSeconds / done * (total - done));
        }
    }
}
