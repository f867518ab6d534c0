using NodaTime;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using SmallCaps.Core.Api;
using SmallCaps.Core.Http;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Verify;
using SplitRecord = SmallCaps.Core.Api.Reference.SplitRecord;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Truth;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ingest;

public sealed class ServedSessionsTests
{
    // Saturday 2026-11-21, 22:00 in New York: yesterday there is Friday 2026-11-20.
    private static readonly DateTimeOffset SaturdayEvening = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private static readonly LocalDate From = new(2026, 11, 2);
    private static readonly LocalDate Friday = new(2026, 11, 20);
    private static readonly LocalDate Thursday = new(2026, 11, 19);

    [Theory]
    [InlineData("bars_1d")]
    [InlineData("bars_1m")]
    public async Task RunAsync_VendorOneDayBehindThenCaughtUp_LakeEqualsTruthForEveryDay(string datasetName)
    {
        // Given: the vendor has published Thursday but not Friday on night 1, and Friday too on night 2
        var dataset = datasetName == BarDataset.Daily.Name ? BarDataset.Daily : BarDataset.Minute;
        await using var behind = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 60, Seed = 21, AsOf = Thursday });
        await using var caughtUp = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 60, Seed = 21, AsOf = Friday });
        var tickers = SimIngest.CommonStocks(caughtUp, 20).Where(t => caughtUp.Truth.Bars(t, SimDataset.DayBars, Friday, Friday).Any()).Take(3).ToList();
        Assert.Equal(3, tickers.Count);
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(SaturdayEvening);
        var notices = new Notices();
        var log = new LoggerConfiguration().WriteTo.Sink(notices).CreateLogger();

        // When
        var night1 = await SimIngest.RunAsync(behind, dir.Path, dataset, tickers, From, Friday, clock: clock, log: log);
        var night2 = await SimIngest.RunAsync(caughtUp, dir.Path, dataset, tickers, From, Friday, clock: clock);

        // Then: night 1 stopped at Thursday and said so; night 2 fetched Friday; every day equals the truth
        Assert.Equal(ExitCodes.Ok, night1.ExitCode);
        Assert.Equal(ExitCodes.Ok, night2.ExitCode);
        foreach (var ticker in tickers)
        {
            SimIngest.AssertEqualsTruth(caughtUp, dir.Path, dataset, ticker, From, Friday);
        }

        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path, Clock = clock });
        Assert.True(report.IsClean, string.Join("\n", report.Findings.Select(f => $"{f.Kind} {f.Path} {f.Detail}")));
        Assert.Contains(notices.Lines, l => l.Contains("not published the sessions from 2026-11-20 on yet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_VendorUpToDate_AsksOnceAndKeepsTheEnd()
    {
        // Given
        var source = new Vendor(servedThrough: Friday);

        // When
        var served = await ServedSessions.CheckAsync(source, "bars_1d", [Window(From, Friday)], new FakeTimeProvider(SaturdayEvening), CancellationToken.None);

        // Then
        Assert.Null(served);
        Assert.Equal([Friday], source.Asked);
    }

    [Fact]
    public async Task CheckAsync_VendorTwoSessionsBehind_EndsBeforeTheFirstUnpublishedSession()
    {
        // Given
        var source = new Vendor(servedThrough: new LocalDate(2026, 11, 18));

        // When
        var served = await ServedSessions.CheckAsync(source, "bars_1d", [Window(From, Friday)], new FakeTimeProvider(SaturdayEvening), CancellationToken.None);

        // Then
        Assert.Equal(new LocalDate(2026, 11, 18), served!.End);
        Assert.Equal([Friday, Thursday, new LocalDate(2026, 11, 18)], source.Asked);
    }

    [Fact]
    public async Task CheckAsync_PlanOfOldWindowsOnly_AsksNothing()
    {
        // Given: a backfill that ends weeks ago
        var source = new Vendor(servedThrough: Friday);

        // When
        var served = await ServedSessions.CheckAsync(source, "bars_1d", [Window(new LocalDate(2026, 1, 2), new LocalDate(2026, 10, 30))], new FakeTimeProvider(SaturdayEvening), CancellationToken.None);

        // Then
        Assert.Null(served);
        Assert.Empty(source.Asked);
    }

    [Fact]
    public async Task CheckAsync_VendorFailsAfterRetries_LeavesTheRecentSessionsForALaterRun()
    {
        // Given
        var source = new Vendor(servedThrough: Friday, failure: new MassiveApiException(MassiveErrorKind.Server, "HTTP 503", isTransient: true, statusCode: 503));

        // When
        var served = await ServedSessions.CheckAsync(source, "bars_1d", [Window(From, Friday)], new FakeTimeProvider(SaturdayEvening), CancellationToken.None);

        // Then: the first session of the last seven days is Monday 2026-11-16
        Assert.Equal(new LocalDate(2026, 11, 15), served!.End);
        Assert.Contains("left for a later run", served.Notice, StringComparison.Ordinal);
        Assert.Equal("could not ask the vendor whether it has published the sessions from 2026-11-16 on", served.Waiting);
    }

    [Fact]
    public async Task CheckAsync_PlanNotEntitledToGroupedDaily_KeepsTheEndWithANotice()
    {
        // Given: an answer that would come again every night
        var source = new Vendor(servedThrough: Friday, failure: new MassiveApiException(MassiveErrorKind.NotEntitled, "HTTP 403", isTransient: false, statusCode: 403));

        // When
        var served = await ServedSessions.CheckAsync(source, "bars_1d", [Window(From, Friday)], new FakeTimeProvider(SaturdayEvening), CancellationToken.None);

        // Then
        Assert.Equal(Friday, served!.End);
        Assert.Contains("unchecked", served.Notice, StringComparison.Ordinal);
        Assert.Null(served.Waiting);
    }

    [Fact]
    public void Clamp_RangesAcrossAndAfterTheEnd_CutsOrDropsThem()
    {
        // Given
        TickerRange[] wanted = [new("AAA", From, Friday), new("BBB", Friday, Friday), new("CCC", From, new LocalDate(2026, 11, 10))];

        // When
        var clamped = ServedSessions.Clamp(wanted, Thursday);

        // Then
        Assert.Equal([new TickerRange("AAA", From, Thursday), new TickerRange("CCC", From, new LocalDate(2026, 11, 10))], clamped);
    }

    private static TaskKey Window(LocalDate start, LocalDate end) => new("bars_1d", "AAA", start, end);

    // Grouped daily answers: bars through servedThrough, or the failure for every request.
    private sealed class Vendor(LocalDate servedThrough, Exception? failure = null) : IBarSource
    {
        public List<LocalDate> Asked { get; } = [];

        public Task<AggregateResult> FetchAsync(AggregatesQuery query, BarPage buffer, byte[] readBuffer, Func<BarPage, CancellationToken, ValueTask> onPage, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<SplitRecord>> SplitsExecutedAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<bool> HasServedAsync(LocalDate session, CancellationToken cancellationToken)
        {
            Asked.Add(session);
            return failure is null ? Task.FromResult(session <= servedThrough) : Task.FromException<bool>(failure);
        }
    }

    private sealed class Notices : ILogEventSink
    {
        public List<string> Lines { get; } = [];

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Level == LogEventLevel.Warning)
            {
                Lines.Add(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
