using Microsoft.Data.Sqlite;
using NodaTime;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Verify;
using SmallCaps.Simulator;
using SmallCaps.Simulator.Truth;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ingest;

// A lake an older build wrote before it asked the vendor what it had published: its late tails are fetched once.
public sealed class LateTailsTests
{
    // Saturday 2026-11-21, 22:00 in New York: yesterday there is Friday 2026-11-20.
    private static readonly DateTimeOffset SaturdayEvening = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private static readonly LocalDate From = new(2026, 11, 2);
    private static readonly LocalDate Friday = new(2026, 11, 20);
    private static readonly LocalDate Thursday = new(2026, 11, 19);

    [Theory]
    [InlineData("bars_1d")]
    [InlineData("bars_1m")]
    public async Task RunAsync_OldBuildSettledFridayBeforeTheVendorPublishedIt_FetchesItOnceAndLakeEqualsTruth(string datasetName)
    {
        // Given: the lake as an older build leaves it after a Saturday night when the vendor had not published Friday:
        // windows through Friday, bars through Thursday, ledger version 1, no fetched_at
        var dataset = datasetName == BarDataset.Daily.Name ? BarDataset.Daily : BarDataset.Minute;
        await using var behind = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 60, Seed = 21, AsOf = Thursday });
        await using var caughtUp = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 60, Seed = 21, AsOf = Friday });
        var tickers = SimIngest.CommonStocks(caughtUp, 20).Where(t => caughtUp.Truth.Bars(t, SimDataset.DayBars, Friday, Friday).Any()).Take(3).ToList();
        Assert.Equal(3, tickers.Count);
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(SaturdayEvening);
        Assert.Equal(ExitCodes.Ok, (await SimIngest.RunAsync(behind, dir.Path, dataset, tickers, From, Thursday, clock: clock)).ExitCode);
        AsAnOldBuildLeftIt(dir.Path, Thursday, Friday);

        // When: the current build runs the same command once the vendor has published Friday, then again
        var notices = new Notices();
        var night2 = await SimIngest.RunAsync(caughtUp, dir.Path, dataset, tickers, From, Friday, clock: clock, log: new LoggerConfiguration().WriteTo.Sink(notices).CreateLogger());
        var night3 = await SimIngest.RunAsync(caughtUp, dir.Path, dataset, tickers, From, Friday, clock: clock);

        // Then: Friday is in the lake once for every ticker, the user was told, and the next run has nothing to do
        Assert.Equal(ExitCodes.Ok, night2.ExitCode);
        foreach (var ticker in tickers)
        {
            SimIngest.AssertEqualsTruth(caughtUp, dir.Path, dataset, ticker, From, Friday);
        }

        Assert.Contains(notices.Lines, l => l.Contains("3 windows written by an older build", StringComparison.Ordinal));
        Assert.Equal(3, night2.RecheckedTails!.Refetched);
        Assert.Null(night3.RecheckedTails);
        Assert.Equal(0, night3.Final.Planned);
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path, Clock = clock });
        Assert.True(report.IsClean, string.Join("\n", report.Findings.Select(f => $"{f.Kind} {f.Path} {f.Detail}")));
    }

    [Fact]
    public async Task RunAsync_FetchingLateTailsAgain_ProgressShowsThatStepAndItsCountsNotTheFinishedTasks()
    {
        // Given: an older build's daily lake whose 3 windows end a day before the vendor published Friday
        await using var behind = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 60, Seed = 21, AsOf = Thursday });
        await using var caughtUp = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 60, Seed = 21, AsOf = Friday });
        var tickers = SimIngest.CommonStocks(caughtUp, 20).Where(t => caughtUp.Truth.Bars(t, SimDataset.DayBars, Friday, Friday).Any()).Take(3).ToList();
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(SaturdayEvening);
        Assert.Equal(ExitCodes.Ok, (await SimIngest.RunAsync(behind, dir.Path, BarDataset.Daily, tickers, From, Thursday, clock: clock)).ExitCode);
        AsAnOldBuildLeftIt(dir.Path, Thursday, Friday);

        // When: the current build fetches them again, the progress display looking at every bar request
        IngestRunner? runner = null;
        var seen = new List<IngestSnapshot>();
        var outcome = await SimIngest.RunAsync(caughtUp, dir.Path, BarDataset.Daily, tickers, From, Friday, maxWorkers: 1, clock: clock, wrap: s => new Watched(s, () => runner?.Counters?.Snapshot() is { } now ? [now] : [], seen), onStart: r => runner = r);

        // Then: every re-fetch ran in its own phase, counting its windows (the tasks' line alone reads 100 %, ETA 0)
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(3, outcome.RecheckedTails!.Refetched);
        Assert.Equal(3, seen.Count);
        Assert.All(seen, s => Assert.Equal(RunPhase.RefetchingLateTails, s.Phase));
        Assert.Equal([0, 1, 2], seen.Select(s => s.RefetchesFinished));
        Assert.All(seen, s => Assert.Equal(3, s.RefetchesPlanned));
        Assert.Equal(3, outcome.Final.RefetchesFinished);
    }

    [Fact]
    public void IsUnsure_WindowsByFetchDateAndLastBar_OnlyRecentWindowsEndingBeforeTheirLastSession()
    {
        var fetched = new LocalDate(2026, 11, 21);

        // Bars through Thursday of a window through Friday, fetched Saturday: Friday may have been unpublished
        Assert.True(UnpublishedTails.IsUnsure(From, Friday, fetched, Thursday));

        // Through Friday (Saturday is no session): complete
        Assert.False(UnpublishedTails.IsUnsure(From, new LocalDate(2026, 11, 21), fetched, Friday));

        // Ended more than 7 days before its fetch: the vendor had published it
        Assert.False(UnpublishedTails.IsUnsure(From, new LocalDate(2026, 11, 6), fetched, new LocalDate(2026, 11, 5)));

        // No bars in a window of sessions: unsure; a weekend-only window: nothing to miss
        Assert.True(UnpublishedTails.IsUnsure(Friday, Friday, fetched, null));
        Assert.False(UnpublishedTails.IsUnsure(new LocalDate(2026, 11, 21), new LocalDate(2026, 11, 22), fetched, null));
    }

    // Stretches the bars windows ending on `end` to `to` (renaming their files as a run through `to` names them) and
    // makes the ledger one of version 1 that never recorded fetch times.
    private static void AsAnOldBuildLeftIt(string outdir, LocalDate end, LocalDate to)
    {
        var endText = IsoDate.Format(end);
        var toText = IsoDate.Format(to);
        var database = LedgerView.DatabasePath(outdir);
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        var files = new List<(long Id, string Path)>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT id, file_path FROM tasks WHERE window_end = $e AND state = 'done'";
            select.Parameters.AddWithValue("$e", endText);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                files.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        Assert.NotEmpty(files);
        foreach (var (id, path) in files)
        {
            var renamed = path.Replace(endText.Replace("-", "", StringComparison.Ordinal), toText.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal);
            File.Move(Path.Combine(outdir, path), Path.Combine(outdir, renamed));
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE tasks SET window_end = $to, file_path = $p WHERE id = $id";
            update.Parameters.AddWithValue("$to", toText);
            update.Parameters.AddWithValue("$p", renamed);
            update.Parameters.AddWithValue("$id", id);
            update.ExecuteNonQuery();
        }

        using var old = connection.CreateCommand();
        old.CommandText = "UPDATE tasks SET fetched_at = NULL; DROP TABLE tail_rechecks; UPDATE meta SET value = '1' WHERE key = 'schema_version';";
        old.ExecuteNonQuery();
    }

    // Takes a progress snapshot as each bar request starts: what the console line and progress.json show then.
    private sealed class Watched(IBarSource inner, Func<IReadOnlyList<IngestSnapshot>> snapshot, List<IngestSnapshot> seen) : IBarSource
    {
        public Task<SmallCaps.Core.Api.AggregateResult> FetchAsync(SmallCaps.Core.Api.AggregatesQuery query, SmallCaps.Core.Api.BarPage buffer, byte[] readBuffer, Func<SmallCaps.Core.Api.BarPage, CancellationToken, ValueTask> onPage, CancellationToken cancellationToken)
        {
            lock (seen)
            {
                seen.AddRange(snapshot());
            }

            return inner.FetchAsync(query, buffer, readBuffer, onPage, cancellationToken);
        }

        public Task<IReadOnlyList<SmallCaps.Core.Api.Reference.SplitRecord>> SplitsExecutedAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken) =>
            inner.SplitsExecutedAsync(from, to, cancellationToken);

        public Task<bool> HasServedAsync(LocalDate session, CancellationToken cancellationToken) =>
            inner.HasServedAsync(session, cancellationToken);
    }

    private sealed class Notices : ILogEventSink
    {
        public List<string> Lines { get; } = [];

        public void Emit(LogEvent logEvent) => Lines.Add(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
