using System.Globalization;
using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Output;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Runs <c>select-universe</c>: reads the snapshot (API or local files), screens, fetches or joins details,
/// selects, writes the CSV/Parquet outputs and the reference datasets, and prints the funnel. With an outdir (API
/// source) the run holds the outdir lock and every reference file is a ledger task (<see cref="ReferenceSession"/>).
/// The selection's warnings go to <paramref name="warnings"/> (the console's stderr), else to the output.
/// </summary>
internal sealed class UniverseRunner(MassiveTransport? transport, TextWriter output, TimeProvider? clock = null, TextWriter? warnings = null)
{
    public async Task<UniverseOutcome> RunAsync(UniverseRequest request, CancellationToken cancellationToken)
    {
        if (request.SnapshotDirectory is { } directory)
        {
            return await FromSnapshotAsync(request, directory, cancellationToken);
        }

        if (transport is null)
        {
            throw new UniverseInputException("select-universe needs an API key, or --snapshot-dir to read a local snapshot");
        }

        var client = new ReferenceClient(transport);
        if (request.Outdir is not { } outdir)
        {
            return await InMemoryAsync(client, request, cancellationToken);
        }

        using var session = ReferenceSession.Open(outdir, clock ?? TimeProvider.System, request.CommandLine, output);
        try
        {
            var outcome = await InLakeAsync(client, session, request, cancellationToken);
            session.End(outcome.ExitCode, outcome.Summary());
            return outcome;
        }
        catch (OperationCanceledException)
        {
            session.End(ExitCodes.Interrupted, "interrupted");
            throw;
        }
        catch (UniverseInputException ex)
        {
            session.End(ExitCodes.BadInput, ex.Message);
            throw;
        }
        catch (ResultNotReplacedException ex)
        {
            session.End(ExitCodes.SomeFailed, ex.Message);
            throw;
        }
        catch (MassiveApiException ex) when (ex.IsRunFatal || ex.Kind == MassiveErrorKind.NotEntitled)
        {
            session.End(ex.Kind == MassiveErrorKind.NotEntitled ? ExitCodes.KeyRejected : ExitCodes.ForRunFatal(ex), ex.Message);
            throw;
        }
        catch
        {
            session.End(ExitCodes.SomeFailed, "crashed");
            throw;
        }
    }

    private async Task<UniverseOutcome> FromSnapshotAsync(UniverseRequest request, string directory, CancellationToken cancellationToken)
    {
        var options = request.Options;
        var snapshot = SnapshotSource.ReadTickers(directory);
        var date = options.Date ?? SnapshotSource.DateOf(directory) ?? request.Today;
        if (options.CapMax is not null && request.DetailsPath is null && snapshot.All(r => r.MarketCap is null))
        {
            throw new UniverseInputException($"--cap-max needs market caps: {directory} has none, pass the details file with --details");
        }

        SnapshotSource.DateUndatedCaps(snapshot, SnapshotSource.DetailsDateOf(directory));
        var screen = UniverseSelector.Screen(snapshot, date, options);
        var details = new Dictionary<DetailsRequest, TickerRecord>();
        if (request.DetailsPath is { } detailsPath)
        {
            var rows = SnapshotSource.ReadDetails(detailsPath);
            SnapshotSource.DateUndatedCaps(rows, SnapshotSource.DetailsDateOf(detailsPath) ?? SnapshotSource.DetailsDateOf(directory));
            details = SnapshotSource.Join(rows, screen.Candidates);
        }

        var selection = UniverseSelector.Finish(screen, details, options);

        // A lake's snapshot gives back the ticker_history its --corporate-actions run rebuilt from ticker events.
        var changes = TickerEventFiles.Read(SnapshotSource.TickerEventsBeside(directory));
        foreach (var member in selection.Members)
        {
            if (changes.TryGetValue(member.Identity, out var list))
            {
                ReferenceDatasetsFetcher.ApplyTickerChanges(member, list);
            }
        }

        await WriteOutputsAsync(request, selection, cancellationToken);
        return new UniverseOutcome(selection, [], null);
    }

    // Without an outdir nothing is kept: the lists and details live in memory for this run only.
    private async Task<UniverseOutcome> InMemoryAsync(ReferenceClient client, UniverseRequest request, CancellationToken cancellationToken)
    {
        var options = request.Options;
        var date = options.Date ?? request.Today;
        var rows = new List<TickerRecord>();
        var listed = 0;
        foreach (var active in new[] { true, false })
        {
            await foreach (var page in client.ListTickersAsync(new TickerListQuery(active, Date: options.Date), cancellationToken))
            {
                rows.AddRange(page);
            }

            listed = active ? rows.Count : listed;
        }

        if (listed == 0 && rows.Count > 0)
        {
            return new UniverseOutcome(null, [], $"the tickers list is incomplete ({TickerListing.NoActiveTickers(date).Message}); no universe written; run the same command again");
        }

        var screen = UniverseSelector.Screen(rows, date, options);
        var requests = screen.DetailsRequests();
        var details = await new DetailsFetcher(client, transport!.Options.MaxWorkers * 2).FetchAsync(requests, Progress, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ticker details: {requests.Count:N0} needed, 0 from the lake, {requests.Count:N0} fetched"));
        var selection = UniverseSelector.Finish(screen, details, options);
        await WriteOutputsAsync(request, selection, cancellationToken);
        return new UniverseOutcome(selection, [], null);
    }

    private async Task<UniverseOutcome> InLakeAsync(ReferenceClient client, ReferenceSession session, UniverseRequest request, CancellationToken cancellationToken)
    {
        var options = request.Options;
        var date = options.Date ?? request.Today;
        var results = new List<ReferenceDatasetResult>();
        var runner = new ReferenceChunkRunner(session, request.ChunkParallelism, transport!.Options.MaxWorkers, output);
        var chunkSize = request.ChunkSize ?? ReferenceLake.ChunkSizeFor(transport.Options.MaxRequestsPerSecond);

        // Lists active and delisted tickers of every type (market stocks) so the funnel starts from the whole snapshot.
        var legacy = ReferenceLake.LegacyFile(session.Outdir, ReferenceLake.TickersDataset, date);
        if (!File.Exists(legacy))
        {
            var listing = await new TickerListing(client, session).RunAsync(date, options.Date, cancellationToken);
            results.Add(listing);
            if (listing.Failed > 0)
            {
                return Incomplete(results, "the tickers list");
            }
        }

        IReadOnlyList<TickerRecord> snapshot = File.Exists(legacy)
            ? SnapshotFiles.ReadTickers(legacy)
            : [.. ReferenceLake.PartFiles(session.Outdir, ReferenceLake.TickersDataset, date).SelectMany(SnapshotFiles.ReadTickers)];
        var screen = UniverseSelector.Screen(snapshot, date, options);
        var requests = screen.DetailsRequests();
        var (detailsResult, details, fromLake) = await new DetailsChunks(client, session, runner, chunkSize).FetchAsync(date, requests, cancellationToken);
        results.Add(detailsResult);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ticker details: {requests.Count:N0} needed, {fromLake:N0} from the lake, {detailsResult.MembersFetched:N0} fetched"));
        if (detailsResult.Failed > 0)
        {
            return Incomplete(results, "the ticker details");
        }

        var selection = UniverseSelector.Finish(screen, details, options);
        if (request.FetchCorporateActions)
        {
            results.AddRange(await new ReferenceDatasetsFetcher(client, session, runner, chunkSize).FetchAsync(selection.Date, selection.Members, cancellationToken));
        }

        await WriteOutputsAsync(request, selection, cancellationToken);
        WriteReferenceLines(results);
        return new UniverseOutcome(selection, results, null);
    }

    // A universe without every listing or every market cap would be wrong: nothing is written, the re-run resumes.
    private UniverseOutcome Incomplete(List<ReferenceDatasetResult> results, string what)
    {
        WriteReferenceLines(results);
        var failed = results.Sum(r => r.Failed);
        var first = results.Select(r => r.FirstFailure).FirstOrDefault(f => f is not null);
        return new UniverseOutcome(null, results, string.Create(CultureInfo.InvariantCulture, $"{what} is incomplete ({failed:N0} failed, first: {first}); no universe written; run the same command again to resume"));
    }

    private void WriteReferenceLines(List<ReferenceDatasetResult> results)
    {
        foreach (var result in results)
        {
            output.WriteLine(result.SummaryLine());
        }
    }

    private async Task WriteOutputsAsync(UniverseRequest request, UniverseSelection selection, CancellationToken cancellationToken)
    {
        foreach (var warning in selection.Warnings)
        {
            (warnings ?? output).WriteLine($"warning: {warning}");
        }

        // A header-only CSV would only fail later, in the ingest: the funnel says which filter left nothing.
        if (selection.Members.Count == 0)
        {
            UniverseReport.Write(output, selection, request.Options);
            throw new UniverseInputException("no ticker passed the filters (see the funnel above); no universe written");
        }

        // A held output keeps its result aside; the other output is still written before the run says so.
        var time = clock ?? TimeProvider.System;
        var held = new List<ResultNotReplacedException>();
        string? csvAt = null;
        string? parquetAt = null;
        if (request.OutCsv is { } csv)
        {
            try
            {
                await UniverseCsvWriter.WriteAsync(csv, selection.Members.Select(m => m.Ticker), time);
                csvAt = csv;
            }
            catch (ResultNotReplacedException ex)
            {
                held.Add(ex);
                csvAt = ex.KeptAt;
            }
        }

        if (request.OutParquet is { } parquet)
        {
            try
            {
                await ReferenceTables.Universe.WriteAsync(parquet, selection.Members, time, cancellationToken);
                parquetAt = parquet;
            }
            catch (ResultNotReplacedException ex)
            {
                held.Add(ex);
                parquetAt = ex.KeptAt;
            }
        }

        UniverseReport.Write(output, selection, request.Options);
        if (csvAt is not null)
        {
            output.WriteLine($"  CSV: {csvAt}");
        }

        if (parquetAt is not null)
        {
            output.WriteLine($"  Parquet: {parquetAt}");
        }

        if (held.Count > 0)
        {
            throw held.Count == 1 ? held[0] : new ResultNotReplacedException(string.Join("; ", held.Select(h => h.Message)), held[0]);
        }
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
}
