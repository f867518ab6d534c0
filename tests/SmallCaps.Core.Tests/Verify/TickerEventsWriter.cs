using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Universe;
using SmallCaps.Core.Verify;

namespace SmallCaps.Core.Tests.Verify;

/// <summary>Writes ticker_events into an outdir as select-universe <c>--corporate-actions</c> does.</summary>
internal static class TickerEventsWriter
{
    public static async Task WriteAsync(string outdir, string snapshot, params (string Identity, TickerChangeEvent[] Changes)[] identities)
    {
        var folder = Path.Combine(outdir, ReferenceView.Folder, ReferenceLake.TickerEventsDataset, $"snapshot_date={snapshot}");
        Directory.CreateDirectory(folder);
        var rows = identities.SelectMany(i =>
        {
            var events = new TickerEvents("Test Co", null, null, i.Changes);
            return i.Changes.Select(c => new TickerEventRow(i.Identity, events, c));
        });
        await ReferenceTables.TickerEvents.WriteAsync(Path.Combine(folder, "part-00000.parquet"), rows, CancellationToken.None);
    }
}
