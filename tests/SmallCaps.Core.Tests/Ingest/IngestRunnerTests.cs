using NodaTime;
using SmallCaps.Core.Api;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;
using SplitRecord = SmallCaps.Core.Api.Reference.SplitRecord;

namespace SmallCaps.Core.Tests.Ingest;

public sealed class IngestRunnerTests
{
    [Theory]
    [InlineData("bars_1d")]
    [InlineData("bars_1m")]
    public async Task RunAsync_WindowWithoutASession_SettlesEmptyWithoutAsking(string datasetName)
    {
        // Given: Independence Day 2024 asked alone, then the next session added to the range
        var dataset = datasetName == BarDataset.Daily.Name ? BarDataset.Daily : BarDataset.Minute;
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 60, Seed = 23 });
        using var dir = new TempDirectory();
        var tickers = SimIngest.CommonStocks(sim, 3);
        var holiday = new LocalDate(2024, 7, 4);
        var counted = new CountingSource();

        // When
        var outcome = await SimIngest.RunAsync(sim, dir.Path, dataset, tickers, holiday, holiday, wrap: s => counted.Over(s));
        var asked = counted.Fetches;
        var next = await SimIngest.RunAsync(sim, dir.Path, dataset, tickers, new LocalDate(2024, 7, 1), new LocalDate(2024, 7, 5));

        // Then: no request for the holiday, settled empty, and the later range around it equals the truth
        Assert.Equal(0, asked);
        Assert.Equal(3, outcome.Final.Empty);
        Assert.Equal(ExitCodes.Ok, next.ExitCode);
        foreach (var ticker in tickers)
        {
            SimIngest.AssertEqualsTruth(sim, dir.Path, dataset, ticker, new LocalDate(2024, 7, 1), new LocalDate(2024, 7, 5));
        }
    }

    // Counts the bar requests that reach the vendor.
    private sealed class CountingSource : IBarSource
    {
        private IBarSource? _inner;
        private int _fetches;

        public int Fetches => _fetches;

        public CountingSource Over(IBarSource inner)
        {
            _inner = inner;
            return this;
        }

        public Task<AggregateResult> FetchAsync(AggregatesQuery query, BarPage buffer, byte[] readBuffer, Func<BarPage, CancellationToken, ValueTask> onPage, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _fetches);
            return _inner!.FetchAsync(query, buffer, readBuffer, onPage, cancellationToken);
        }

        public Task<IReadOnlyList<SplitRecord>> SplitsExecutedAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken) =>
            _inner!.SplitsExecutedAsync(from, to, cancellationToken);

        public Task<bool> HasServedAsync(LocalDate session, CancellationToken cancellationToken) =>
            _inner!.HasServedAsync(session, cancellationToken);
    }
}
