using NodaTime;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Plans the chunk tasks of one reference dataset and snapshot date: tasks not settled (pending, failed, left running,
/// or done with the file gone) run again with the members they were planned with; members no task covers yet (and
/// not in <c>covered</c>) become new chunks of at most <c>chunkSize</c>, in member order, numbered after every
/// label and file in use. New tasks and their members are recorded before anything is fetched.
/// </summary>
internal static class ReferenceChunkPlanner
{
    public static ReferenceChunkPlan Plan(ReferenceSession session, string dataset, LocalDate date, IReadOnlyList<string> members, IReadOnlySet<string> covered, int chunkSize)
    {
        var ledgerDataset = ReferenceLake.LedgerDataset(dataset);
        var tasks = session.Ledger.Tasks(ledgerDataset).Where(t => t.Key.WindowStart == date).ToList();
        var recorded = session.Ledger.Members(ledgerDataset, date);
        var known = new HashSet<string>(covered, StringComparer.Ordinal);
        var next = ReferenceLake.FirstFreeChunkNumber(session.Outdir, dataset, date);
        var toRun = new List<ReferenceChunk>();
        var settled = 0;
        foreach (var task in tasks.OrderBy(t => t.Key.Ticker, StringComparer.Ordinal))
        {
            var list = recorded.GetValueOrDefault(task.Id) ?? [];
            known.UnionWith(list);
            next = Math.Max(next, (ReferenceLake.ChunkNumber(task.Key.Ticker) ?? -1) + 1);
            if (IsSettled(session.Outdir, task))
            {
                settled++;
            }
            else
            {
                toRun.Add(new ReferenceChunk(task.Id, task.Key.Ticker, list));
            }
        }

        var fresh = members.Where(known.Add).ToList();
        if (fresh.Count > 0)
        {
            using var tx = session.Ledger.Begin();
            for (var i = 0; i < fresh.Count; i += chunkSize)
            {
                var slice = fresh.GetRange(i, Math.Min(chunkSize, fresh.Count - i));
                var label = ReferenceLake.ChunkLabel(next++);
                var id = tx.EnsureTask(new TaskKey(ledgerDataset, label, date, date), adjusted: false, timespan: ReferenceLake.TaskKind);
                tx.SetMembers(id, slice);
                toRun.Add(new ReferenceChunk(id, label, slice));
            }

            tx.Commit();
        }

        return new ReferenceChunkPlan(dataset, date, toRun, settled);
    }

    /// <summary>Settled and, when done, its file still there (a deleted file is fetched again, not trusted).</summary>
    public static bool IsSettled(string outdir, LedgerTask task) =>
        task.State.IsSettled() && (task.State != TaskState.Done || (task.FilePath is { } path && File.Exists(LakeLayout.FullPath(outdir, path))));
}
