using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Universe;
using SmallCaps.Core.Verify;

namespace SmallCaps.Core.Tests.Verify;

/// <summary>Writes ticker_events into an outdir as select-universe <c>--corporate-actions</c> does: the file and its done ledger task.</summary>
internal static class TickerEventsWriter
{
    public static async Task WriteAsync(string outdir, string snapshot, params (string Identity, TickerChangeEvent[] Changes)[] identities)
    {
        var folder = Path.Combine(outdir, ReferenceView.Folder, ReferenceLake.TickerEventsDataset, $"snapshot_date={snapshot}");
        Directory.CreateDirectory(folder);
        var rows = identities.SelectMany(i =>
        {
            var events = new TickerEvents("Test Co", null, null, i.Changes);
            return i.Changes.Select(c => new TickerEventRow(i.Identity, events, c)).ToList();
        }).ToList();
        var path = Path.Combine(folder, "part-00000.parquet");
        await ReferenceTables.TickerEvents.WriteAsync(path, rows, CancellationToken.None);

        // A lake without a ledger (a run's outdir before its first fetch) stays without one.
        if (File.Exists(LedgerView.DatabasePath(outdir)))
        {
            Record(outdir, ReferenceLake.TickerEventsDataset, snapshot, path, rows.Count);
        }
    }

    /// <summary>Records a reference file as the done task of its chunk, as select-universe does once the file is renamed.</summary>
    public static void Record(string outdir, string dataset, string snapshot, string path, long rows)
    {
        var date = NodaTime.Text.LocalDatePattern.Iso.Parse(snapshot).Value;
        var label = Path.GetFileNameWithoutExtension(path);
        using var ledger = SqliteLedger.Open(outdir, TimeProvider.System);
        using var tx = ledger.Begin();
        var id = tx.EnsureTask(new TaskKey(ReferenceLake.LedgerDataset(dataset), label, date, date), adjusted: false, timespan: ReferenceLake.TaskKind);
        tx.MarkDone(id, new CommittedFile(LakeLayoutView.Relative(outdir, path), rows, new FileInfo(path).Length, FileIntegrityCheck.Sha256Hex(path), 0, 0));
        tx.Commit();
    }
}
