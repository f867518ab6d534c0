using NodaTime;
using SmallCaps.Core.Api;
using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ingest;

// A nightly run after a split: the simulator's as-of date moves past AAPL's 4-for-1 split of 2020-08-31, as the vendor's
// adjusted history does, and the tool's clock moves with it.
public sealed class SplitRefetchTests
{
    private static readonly LocalDate From = new(2019, 1, 2);
    private static readonly LocalDate BeforeSplit = new(2020, 8, 14);
    private static readonly LocalDate AfterSplit = new(2020, 9, 30);

    [Fact]
    public async Task NextRun_AfterASplit_FetchesTheStaleWindowAgainAndTheLakeEqualsTheNewHistory()
    {
        // Given: daily bars of AAPL and of a ticker without a split, fetched the evening of 2020-08-14
        using var dir = new TempDirectory();
        string[] tickers;
        await using (var before = await StartAsync(BeforeSplit))
        {
            tickers = ["AAPL", Unsplit(before)];
            var first = await SimIngest.RunAsync(before, dir.Path, BarDataset.Daily, tickers, From, BeforeSplit, clock: EveningOf(BeforeSplit));
            Assert.Equal(ExitCodes.Ok, first.ExitCode);
            SimIngest.AssertEqualsTruth(before, dir.Path, BarDataset.Daily, "AAPL", From, BeforeSplit);
        }

        var unsplitFile = DoneFile(dir.Path, tickers[1]);
        var unsplitBytes = await File.ReadAllBytesAsync(LakeLayout.FullPath(dir.Path, unsplitFile));

        // When: the nightly run of 2020-09-30, after the split
        await using var after = await StartAsync(AfterSplit);
        var to = AfterSplit.PlusDays(-1);
        var outcome = await SimIngest.RunAsync(after, dir.Path, BarDataset.Daily, tickers, From, to, clock: EveningOf(AfterSplit));

        // Then: AAPL's old window was fetched again, so its whole history is on the post-split scale
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(new RefreshTally(1, 1, 0, null), outcome.Refetched);
        SimIngest.AssertEqualsTruth(after, dir.Path, BarDataset.Daily, "AAPL", From, to);
        SimIngest.AssertEqualsTruth(after, dir.Path, BarDataset.Daily, tickers[1], From, to);

        // The ticker without a split kept its bars as fetched (merged with the new days, not fetched again).
        var unsplitRows = LakeRows.Read(dir.Path, BarDataset.Daily, tickers[1]);
        Assert.Equal(BarCount(unsplitBytes, dir.Path), unsplitRows.Count(r => NewYorkTime(r.T) <= BeforeSplit));

        // One file per ticker, none left over; the ledger dates AAPL's bars from the second run.
        Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, "bars_1d", "ticker=AAPL"), "*.parquet"));
        Assert.Empty(LakeRows.TempFiles(dir.Path));
        using var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System);
        var aapl = Assert.Single(ledger.Tasks("bars_1d"), t => t.Key.Ticker == "AAPL");
        Assert.Equal(EveningOf(AfterSplit).GetUtcNow(), aapl.FetchedAt);
        var other = Assert.Single(ledger.Tasks("bars_1d"), t => t.Key.Ticker == tickers[1]);
        Assert.Equal(EveningOf(BeforeSplit).GetUtcNow(), other.FetchedAt);
    }

    [Fact]
    public async Task NextRun_AfterASplit_MinuteBars_RefetchedInTheirYearAndMergedWithTheNewDays()
    {
        // Given: AAPL's minute bars from June to the split's eve
        using var dir = new TempDirectory();
        var from = new LocalDate(2020, 6, 1);
        await using (var before = await StartAsync(BeforeSplit))
        {
            Assert.Equal(ExitCodes.Ok, (await SimIngest.RunAsync(before, dir.Path, BarDataset.Minute, ["AAPL"], from, BeforeSplit, clock: EveningOf(BeforeSplit))).ExitCode);
        }

        // When: the run after the split
        await using var after = await StartAsync(AfterSplit);
        var to = AfterSplit.PlusDays(-1);
        var outcome = await SimIngest.RunAsync(after, dir.Path, BarDataset.Minute, ["AAPL"], from, to, clock: EveningOf(AfterSplit));

        // Then: every minute on the post-split scale, in one file of the 2020 partition
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(new RefreshTally(1, 1, 0, null), outcome.Refetched);
        SimIngest.AssertEqualsTruth(after, dir.Path, BarDataset.Minute, "AAPL", from, to);
        Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, "bars_1m", "ticker=AAPL", "year=2020"), "*.parquet"));
    }

    [Fact]
    public async Task Refetch_Failing_KeepsTheOldFileAndItsLedgerRowAndTheNextRunTriesAgain()
    {
        // Given: AAPL fetched before the split
        using var dir = new TempDirectory();
        var (oldFile, oldBytes) = await FetchedBeforeSplitAsync(dir.Path);
        await using var after = await StartAsync(AfterSplit);

        // When: the vendor fails every bar request of the next run (nothing new to fetch: the same --to)
        var failing = await SimIngest.RunAsync(after, dir.Path, BarDataset.Daily, ["AAPL"], From, BeforeSplit, maxRetries: 0, clock: EveningOf(AfterSplit), wrap: inner => new FailingBars(inner));

        // Then: exit 1 naming the window, the old file and its done row untouched, no temp file
        Assert.Equal(ExitCodes.SomeFailed, failing.ExitCode);
        Assert.Equal(new RefreshTally(1, 0, 1, failing.FirstFailure), failing.Refetched);
        Assert.StartsWith("AAPL 2019-01-02..2020-08-14: HTTP 503 service unavailable", failing.FirstFailure, StringComparison.Ordinal);
        await AssertOldFileKeptAsync(dir.Path, oldFile, oldBytes);
        using (var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System))
        {
            // Checked through the first run's date only: the next run asks for every split since.
            Assert.Equal(BeforeSplit, ledger.SplitsChecked("bars_1d")["AAPL"]);
        }

        // And the next run, with the vendor back, fetches it again.
        var retried = await SimIngest.RunAsync(after, dir.Path, BarDataset.Daily, ["AAPL"], From, BeforeSplit, clock: EveningOf(AfterSplit));
        Assert.Equal(ExitCodes.Ok, retried.ExitCode);
        Assert.Equal(1, retried.Refetched!.Refetched);
        SimIngest.AssertEqualsTruth(after, dir.Path, BarDataset.Daily, "AAPL", From, BeforeSplit);
    }

    [Fact]
    public async Task Refetch_Interrupted_Exit130_OldFileKept_NoJournalLeft_NextRunFinishes()
    {
        // Given: AAPL fetched before the split
        using var dir = new TempDirectory();
        var (oldFile, oldBytes) = await FetchedBeforeSplitAsync(dir.Path);
        await using var after = await StartAsync(AfterSplit);

        // When: Ctrl+C while the window is being fetched again
        using var ctrlC = new CancellationTokenSource();
        var interrupted = await SimIngest.RunAsync(after, dir.Path, BarDataset.Daily, ["AAPL"], From, BeforeSplit, clock: EveningOf(AfterSplit), wrap: inner => new CancelOnFetch(inner, ctrlC), ct: ctrlC.Token);

        // Then
        Assert.Equal(ExitCodes.Interrupted, interrupted.ExitCode);
        await AssertOldFileKeptAsync(dir.Path, oldFile, oldBytes);
        using (var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System))
        {
            Assert.Empty(ledger.Merges("bars_1d"));
        }

        // And the next run fetches it again.
        var next = await SimIngest.RunAsync(after, dir.Path, BarDataset.Daily, ["AAPL"], From, BeforeSplit, clock: EveningOf(AfterSplit));
        Assert.Equal(new RefreshTally(1, 1, 0, null), next.Refetched);
        SimIngest.AssertEqualsTruth(after, dir.Path, BarDataset.Daily, "AAPL", From, BeforeSplit);
    }

    [Fact]
    public async Task SplitCheck_OnceCheckedThroughADate_AsksFromAMonthBeforeIt_NotFromTheOldestFetch()
    {
        // Given: AAPL fetched on 2019-06-28, then extended (and checked) on 2020-08-14
        using var dir = new TempDirectory();
        var first = new LocalDate(2019, 6, 28);
        await using (var sim = await StartAsync(first))
        {
            await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, ["AAPL"], From, first.PlusDays(-1), clock: EveningOf(first));
            Assert.Single(sim.RequestLog.Recent, p => p.StartsWith("/v3/reference/splits?execution_date.gte=2019-06-28&execution_date.lte=2019-06-28", StringComparison.Ordinal));
        }

        await using (var sim = await StartAsync(BeforeSplit))
        {
            await SimIngest.RunAsync(sim, dir.Path, BarDataset.Daily, ["AAPL"], From, BeforeSplit.PlusDays(-1), clock: EveningOf(BeforeSplit));
            Assert.Single(sim.RequestLog.Recent, p => p.StartsWith("/v3/reference/splits?execution_date.gte=2019-06-28&execution_date.lte=2020-08-14", StringComparison.Ordinal));
        }

        // When: the run after the split
        await using var after = await StartAsync(AfterSplit);
        var outcome = await SimIngest.RunAsync(after, dir.Path, BarDataset.Daily, ["AAPL"], From, AfterSplit.PlusDays(-1), clock: EveningOf(AfterSplit));

        // Then: it asks for the splits from 30 days before 2020-08-14, finds the 2020-08-31 one and fetches again
        Assert.Single(after.RequestLog.Recent, p => p.StartsWith("/v3/reference/splits?execution_date.gte=2020-07-15&execution_date.lte=2020-09-30", StringComparison.Ordinal));
        Assert.Equal(new RefreshTally(1, 1, 0, null), outcome.Refetched);
        SimIngest.AssertEqualsTruth(after, dir.Path, BarDataset.Daily, "AAPL", From, AfterSplit.PlusDays(-1));
        using var ledger = SqliteLedger.Open(dir.Path, TimeProvider.System);
        Assert.Equal(AfterSplit, ledger.SplitsChecked("bars_1d")["AAPL"]);
    }

    [Fact]
    public async Task NotAdjusted_NothingIsFetchedAgain()
    {
        // Given: unadjusted bars do not change with a split
        using var dir = new TempDirectory();
        await using var sim = await StartAsync(AfterSplit);
        var options = new IngestOptions { Outdir = dir.Path, Dataset = BarDataset.Daily, Adjusted = false };
        await RunUnadjustedAsync(sim, options, EveningOf(BeforeSplit));

        // When
        var outcome = await RunUnadjustedAsync(sim, options, EveningOf(AfterSplit));

        // Then: no split check at all
        Assert.Null(outcome.Refetched);
        Assert.Equal(0, sim.RequestLog.CountRecent("/v3/reference/splits"));
        Assert.NotEqual(0, sim.RequestLog.CountRecent("/v2/aggs/"));
    }

    // AAPL's daily bars fetched the evening before the split; returns its file and bytes, to compare after.
    private static async Task<(string File, byte[] Bytes)> FetchedBeforeSplitAsync(string outdir)
    {
        await using (var before = await StartAsync(BeforeSplit))
        {
            Assert.Equal(ExitCodes.Ok, (await SimIngest.RunAsync(before, outdir, BarDataset.Daily, ["AAPL"], From, BeforeSplit, clock: EveningOf(BeforeSplit))).ExitCode);
        }

        var file = DoneFile(outdir, "AAPL");
        return (file, await File.ReadAllBytesAsync(LakeLayout.FullPath(outdir, file)));
    }

    // A re-fetch that did not finish leaves the old file byte for byte, its done row pointing at it, and no temp file.
    private static async Task AssertOldFileKeptAsync(string outdir, string oldFile, byte[] oldBytes)
    {
        Assert.Equal(oldBytes, await File.ReadAllBytesAsync(LakeLayout.FullPath(outdir, oldFile)));
        Assert.Equal(oldFile, DoneFile(outdir, "AAPL"));
        Assert.Empty(LakeRows.TempFiles(outdir));
    }

    private static Task<SimulatorHost> StartAsync(LocalDate asOf) =>
        SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 60, Seed = 5, AsOf = asOf });

    // 22:00 in New York: after the close, the hour a nightly run starts.
    private static FakeTimeProvider EveningOf(LocalDate date) =>
        new(date.At(new LocalTime(22, 0)).InZoneStrictly(SmallCaps.Core.Calendar.NewYorkTime.Zone).ToDateTimeOffset());

    private static string Unsplit(SimulatorHost sim) =>
        SimIngest.CommonStocks(sim, 40).First(t => t != "AAPL" && sim.Truth.Bars(t, Simulator.Truth.SimDataset.DayBars, From, BeforeSplit).Any() && !sim.Truth.Splits(t).Any(s => s.ExecutionDate >= From));

    private static string DoneFile(string outdir, string ticker)
    {
        using var ledger = SqliteLedger.Open(outdir, TimeProvider.System);
        return Assert.Single(ledger.Tasks("bars_1d"), t => t.Key.Ticker == ticker && t.State == TaskState.Done).FilePath!;
    }

    private static LocalDate NewYorkTime(long t) => SmallCaps.Core.Calendar.NewYorkTime.SessionDateOfMilliseconds(t);

    private static int BarCount(byte[] parquet, string scratch)
    {
        var path = Path.Combine(scratch, "old.parquet.copy");
        File.WriteAllBytes(path, parquet);
        int rows;
        using (var reader = SmallCaps.Parquet.ParquetFileReader.Open(path))
        {
            rows = (int)reader.RowCount;
        }

        File.Delete(path);
        return rows;
    }

    private static async Task<IngestOutcome> RunUnadjustedAsync(SimulatorHost sim, IngestOptions options, TimeProvider clock)
    {
        using var transport = new MassiveTransport(new TransportOptions { BaseUrl = sim.BaseUrl, MaxRequestsPerSecond = 1000 }, ApiKey.Create(sim.ApiKey), TimeProvider.System);
        return await IngestSession.RunAsync(options, ["AAPL"], new SmallCaps.Core.Input.IngestRange(From, BeforeSplit, null), new AggregatesBarSource(transport), clock, new Serilog.LoggerConfiguration().CreateLogger(), "test", null, CancellationToken.None);
    }

    // Ctrl+C as the first page of a bar request arrives (the run before planned nothing: this is the re-fetch).
    private sealed class CancelOnFetch(IBarSource inner, CancellationTokenSource ctrlC) : IBarSource
    {
        public Task<AggregateResult> FetchAsync(AggregatesQuery query, BarPage buffer, byte[] readBuffer, Func<BarPage, CancellationToken, ValueTask> onPage, CancellationToken cancellationToken) =>
            inner.FetchAsync(
                query,
                buffer,
                readBuffer,
                async (page, ct) =>
                {
                    await onPage(page, ct);
                    await ctrlC.CancelAsync();
                },
                cancellationToken);

        public Task<IReadOnlyList<SplitRecord>> SplitsExecutedAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken) =>
            inner.SplitsExecutedAsync(from, to, cancellationToken);

        public Task<bool> HasServedAsync(LocalDate session, CancellationToken cancellationToken) =>
            inner.HasServedAsync(session, cancellationToken);
    }

    // The vendor failing every bar request (splits still answer): what an outage during the re-fetch looks like.
    private sealed class FailingBars(IBarSource inner) : IBarSource
    {
        public Task<AggregateResult> FetchAsync(AggregatesQuery query, BarPage buffer, byte[] readBuffer, Func<BarPage, CancellationToken, ValueTask> onPage, CancellationToken cancellationToken) =>
            throw new MassiveApiException(MassiveErrorKind.Server, "HTTP 503 service unavailable", isTransient: true, statusCode: 503);

        public Task<IReadOnlyList<SplitRecord>> SplitsExecutedAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken) =>
            inner.SplitsExecutedAsync(from, to, cancellationToken);

        public Task<bool> HasServedAsync(LocalDate session, CancellationToken cancellationToken) =>
            inner.HasServedAsync(session, cancellationToken);
    }
}
