using SmallCaps.Core.Api;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Ingest;

/// <summary>One window's bars from the vendor into its part file: the step a first fetch and a fetch after a split share.</summary>
internal static class WindowFetch
{
    /// <summary>Streams the window's pages into <paramref name="file"/>.</summary>
    public static Task FillAsync(IBarSource source, IngestOptions options, TaskKey key, BarPartFile file, BarBuffers worker, CancellationToken cancellationToken)
    {
        var query = new AggregatesQuery(
            key.Ticker,
            options.Dataset.Timespan == "minute" ? BarTimespan.Minute : BarTimespan.Day,
            key.WindowStart.ToDateOnly(),
            key.WindowEnd.ToDateOnly(),
            options.Adjusted);
        return source.FetchAsync(
            query,
            worker.Page,
            worker.ReadBuffer,
            file.AppendAsync,
            cancellationToken);
    }
}
