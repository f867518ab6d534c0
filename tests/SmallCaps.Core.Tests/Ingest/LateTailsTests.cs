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
    private static readonly LocalDate Epoch = new(1970, 1, 1);

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
    public async Task RunAsync_KilledAfterTheFirstTailWasFetchedAgain_NextRunFetchesOnlyTheOthers()
    {
        // Given: three windows an older build ended before Friday, and a run stopped once the first is fetched again
        await using var behind = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 60, Seed = 21, AsOf = Thursday });
        await using var caughtUp = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 60, Seed = 21, AsOf = Friday });
        var tickers = SimIngest.CommonStocks(caughtUp, 20).Where(t => caughtUp.Truth.Bars(t, SimDataset.DayBars, Friday, Friday).Any()).Take(3).ToList();
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(SaturdayEvening);
        Assert.Equal(ExitCodes.Ok, (await SimIngest.RunAsync(behind, dir.Path, BarDataset.Daily, tickers, From, Thursday, clock: clock)).ExitCode);
        AsAnOldBuildLeftIt(dir.Path, Thursday, Friday);
        using var kill = new CancellationTokenSource();
        var killed = await SimIngest.RunAsync(caughtUp, dir.Path, BarDataset.Daily, tickers, From, Friday, maxWorkers: 1, clock: clock, log: new LoggerConfiguration().WriteTo.Sink(new CancelOn("fetched again:", kill)).CreateLogger(), ct: kill.Token);
        Assert.True(killed.Interrupted);

        // When
        var notices = new Notices();
        var next = await SimIngest.RunAsync(caughtUp, dir.Path, BarDataset.Daily, tickers, From, Friday, clock: clock, log: new LoggerConfiguration().WriteTo.Sink(notices).CreateLogger());

        // Then: the window fetched again before the stop kept no mark; the two others are fetched, and the lake is exact
        Assert.Equal(ExitCodes.Ok, next.ExitCode);
        Assert.Equal(2, next.RecheckedTails!.Refetched);
        Assert.Equal(2, notices.Lines.Count(l => l.EndsWith(": fetching again", StringComparison.Ordinal)));
        foreach (var ticker in tickers)
        {
            SimIngest.AssertEqualsTruth(caughtUp, dir.Path, BarDataset.Daily, ticker, From, Friday);
        }
    }

    [Theory]
    [InlineData("bars_1d")]
    [InlineData("bars_1m")]
    public async Task RunAsync_OldBuildMergedALateMondayIntoAWindowEndingOnTime_FetchesItAgainAndLakeEqualsTruth(string datasetName)
    {
        // Given: nightly runs as an older build did them: through Friday Nov 13; Tuesday evening the vendor had not
        // published Monday, so Nov 14..16 was settled empty; Saturday through Friday Nov 20, merged into one file
        // ending on time with Monday missing inside; ledger version 1 with the old runs' start times
        var dataset = datasetName == BarDataset.Daily.Name ? BarDataset.Daily : BarDataset.Minute;
        var monday = new LocalDate(2026, 11, 16);
        var lateFriday = new LocalDate(2026, 11, 13);
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 60, Seed = 21, AsOf = Friday });
        var tickers = SimIngest.CommonStocks(sim, 20).Where(t => sim.Truth.Bars(t, SimDataset.DayBars, monday, monday).Any()).Take(3).ToList();
        Assert.Equal(3, tickers.Count);
        using var dir = new TempDirectory();
        Assert.Equal(ExitCodes.Ok, (await SimIngest.RunAsync(sim, dir.Path, dataset, tickers, From, lateFriday, clock: new FakeTimeProvider(new DateTimeOffset(2026, 11, 14, 3, 0, 0, TimeSpan.Zero)))).ExitCode);
        Execute(dir.Path, $"""
            INSERT INTO tasks (dataset, ticker, window_start, window_end, state, adjusted, timespan, updated_at, fetched_at)
                SELECT dataset, ticker, '2026-11-14', '2026-11-16', 'empty', adjusted, timespan, '2026-11-18T03:00:00.000Z', '2026-11-18T03:00:00.000Z' FROM tasks WHERE window_end = '{IsoDate.Format(lateFriday)}';
            INSERT INTO runs (started_at, ended_at, command_line, exit_code) VALUES ('2026-11-18T03:00:00.000Z', '2026-11-18T03:00:01.000Z', 'smallcaps ingest', 0);
            """);
        Assert.Equal(ExitCodes.Ok, (await SimIngest.RunAsync(sim, dir.Path, dataset, tickers, From, Friday, clock: new FakeTimeProvider(SaturdayEvening))).ExitCode);
        Assert.All(tickers, t => Assert.DoesNotContain(LakeRows.Read(dir.Path, dataset, t), r => Epoch.PlusDays(r.SessionDay) == monday));
        Assert.Equal(3L, Execute(dir.Path, "SELECT COUNT(*) FROM tasks"));
        Execute(dir.Path, "UPDATE tasks SET fetched_at = NULL; DROP TABLE tail_rechecks; UPDATE meta SET value = '1' WHERE key = 'schema_version';");

        // When: the current build runs the same command Sunday evening
        var sunday = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));
        var notices = new Notices();
        var outcome = await SimIngest.RunAsync(sim, dir.Path, dataset, tickers, From, Friday, clock: sunday, log: new LoggerConfiguration().WriteTo.Sink(notices).CreateLogger());

        // Then: each merged window was fetched again once, for a day inside it, and Monday is in the lake for every ticker
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(3, outcome.RecheckedTails!.Refetched);
        Assert.Equal(3, notices.Lines.Count(l => l.Contains("without bars on a day within 7 days of an old run, which the vendor may have published since", StringComparison.Ordinal)));
        foreach (var ticker in tickers)
        {
            SimIngest.AssertEqualsTruth(sim, dir.Path, dataset, ticker, From, Friday);
        }

        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path, Clock = sunday });
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

    private static object? Execute(string outdir, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={LedgerView.DatabasePath(outdir)};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    // Stops the run at the first log line holding `text` (the step that wrote it has finished).
    private sealed class CancelOn(string text, CancellationTokenSource stop) : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            if (logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(text, StringComparison.Ordinal))
            {
                stop.Cancel();
            }
        }
    }

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
