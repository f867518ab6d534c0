using System.Globalization;
using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Http;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Runs <c>select-universe</c>: reads the snapshot (API or local files), screens, fetches or joins details,
/// selects, writes the CSV/Parquet outputs and the reference datasets, and prints the funnel.
/// </summary>
internal sealed class UniverseRunner(MassiveTransport? transport, TextWriter output)
{
    public async Task<UniverseSelection> RunAsync(UniverseRequest request, CancellationToken cancellationToken)
    {
        var options = request.Options;
        UniverseScreen screen;
        Dictionary<DetailsRequest, TickerRecord> details;
        ReferenceClient? client = null;
        if (request.SnapshotDirectory is { } directory)
        {
            var snapshot = SnapshotSource.ReadTickers(directory);
            var date = options.Date ?? SnapshotSource.DateOf(directory) ?? request.Today;
            if (options.CapMax is not null && request.DetailsPath is null && snapshot.All(r => r.MarketCap is null))
            {
                throw new UniverseInputException($"--cap-max needs market caps: {directory} has none, pass the details file with --details");
            }

            screen = UniverseSelector.Screen(snapshot, date, options);
            details = request.DetailsPath is { } detailsPath
                ? SnapshotSource.Join(SnapshotSource.ReadDetails(detailsPath), screen.DetailsRequests())
                : [];
        }
        else
        {
            if (transport is null)
            {
                throw new UniverseInputException("select-universe needs an API key, or --snapshot-dir to read a local snapshot");
            }

            client = new ReferenceClient(transport);
            var date = options.Date ?? request.Today;
            var snapshot = await ListSnapshotAsync(client, request, date, cancellationToken);
            screen = UniverseSelector.Screen(snapshot, date, options);
            var requests = screen.DetailsRequests();
            using var cache = request.Outdir is { } outdir ? new DetailsCache(ReferenceLake.PartitionDirectory(outdir, ReferenceLake.DetailsDataset, date)) : null;
            var fetcher = new DetailsFetcher(client, transport.Options.MaxWorkers * 2, cache);
            details = await fetcher.FetchAsync(requests, Progress, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ticker details: {requests.Count:N0} needed, {fetcher.FromCache:N0} from the lake, {fetcher.Fetched:N0} fetched"));
        }

        var selection = UniverseSelector.Finish(screen, details, options);
        if (client is not null && request.Outdir is { } lake && request.FetchCorporateActions)
        {
            var written = await new ReferenceDatasetsFetcher(client, transport!.Options.MaxWorkers * 2).FetchAsync(lake, selection.Date, selection.Members, cancellationToken);
            foreach (var (dataset, rows) in written)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Reference {dataset}: {rows:N0} rows"));
            }
        }

        if (request.OutCsv is { } csv)
        {
            UniverseCsvWriter.Write(csv, selection.Members.Select(m => m.Ticker));
        }

        if (request.OutParquet is { } parquet)
        {
            await ReferenceTables.Universe.WriteAsync(parquet, selection.Members, cancellationToken);
        }

        UniverseReport.Write(output, selection, options);
        if (request.OutCsv is { } csvPath)
        {
            output.WriteLine($"  CSV: {csvPath}");
        }

        if (request.OutParquet is { } parquetPath)
        {
            output.WriteLine($"  Parquet: {parquetPath}");
        }

        return selection;
    }

    // Thousands of details calls take minutes on a paid plan: a line at every tenth keeps the run visibly alive.
    private void Progress(int done, int total)
    {
        var step = Math.Max(1, total / 10);
        if (done % step == 0 || done == total)
        {
            lock (output)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ticker details {done:N0}/{total:N0}"));
            }
        }
    }

    // Lists active and delisted tickers of every type (market stocks) so the funnel starts from the whole snapshot;
    // with an outdir the list is kept as the tickers dataset and reused by a re-run of the same date.
    private static async Task<IReadOnlyList<TickerRecord>> ListSnapshotAsync(ReferenceClient client, UniverseRequest request, NodaTime.LocalDate date, CancellationToken cancellationToken)
    {
        var path = request.Outdir is { } outdir ? ReferenceLake.PartFile(outdir, ReferenceLake.TickersDataset, date) : null;
        if (path is not null && File.Exists(path))
        {
            return SnapshotFiles.ReadTickers(path);
        }

        var rows = new List<TickerRecord>();
        foreach (var active in new[] { true, false })
        {
            await foreach (var page in client.ListTickersAsync(new TickerListQuery(active, Date: request.Options.Date), cancellationToken))
            {
                rows.AddRange(page);
            }
        }

        if (path is not null)
        {
            await ReferenceTables.Tickers.WriteAsync(path, rows, cancellationToken);
        }

        return rows;
    }
}
