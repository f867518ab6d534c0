using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Verify;

namespace SmallCaps.Core.Tests.Ingest;

public sealed class FormerTickersTests
{
    private static readonly IngestRange Range = new(D(2005, 1, 1), D(2025, 12, 31), null);

    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    private static (string, SymbolPeriod) P(string ticker, LocalDate? from, LocalDate? to) => (ticker, new SymbolPeriod(from, to));

    private static IEnumerable<(string Ticker, LocalDate From, LocalDate To)> Rows(FormerTickerPlan plan) => plan.Ranges.Select(r => (r.Ticker, r.From, r.To));

    [Fact]
    public void Expand_RenamedSecurity_EachTickerOverItsOwnDays()
    {
        // Given: OLDCO from 2010-01-04 until it became NEWCO on 2019-07-01
        (string, SymbolPeriod)[] history = [P("OLDCO", D(2010, 1, 4), D(2019, 6, 30)), P("NEWCO", D(2019, 7, 1), null)];

        // When
        var plan = FormerTickers.Expand(["NEWCO"], Range, [history]);

        // Then: the listed ticker first, from its change on; the former one inside its period only
        Assert.Equal([("NEWCO", D(2019, 7, 1), D(2025, 12, 31)), ("OLDCO", D(2010, 1, 4), D(2019, 6, 30))], Rows(plan));
        Assert.Equal(["NEWCO", "OLDCO"], plan.Tickers);
        Assert.Equal(["OLDCO for NEWCO 2010-01-04..2019-06-30"], plan.Former);
        Assert.Equal(0, plan.WithoutEvents);
    }

    [Fact]
    public void Expand_TickerNotInTheEvents_WholeRangeAndCounted()
    {
        var plan = FormerTickers.Expand(["AAA"], Range, [[P("OLDCO", D(2010, 1, 4), D(2019, 6, 30)), P("NEWCO", D(2019, 7, 1), null)]]);

        Assert.Equal([("AAA", Range.From, Range.To)], Rows(plan));
        Assert.Empty(plan.Former);
        Assert.Equal(1, plan.WithoutEvents);
    }

    [Fact]
    public void Expand_FormerTickerNowListedForAnotherSecurity_BothPeriodsAndNothingBetween()
    {
        // Given: OLDCO named security 1 until 2019; security 2 took OLDCO in 2021 and is listed too
        (string, SymbolPeriod)[] first = [P("OLDCO", D(2010, 1, 4), D(2019, 6, 30)), P("NEWCO", D(2019, 7, 1), null)];
        (string, SymbolPeriod)[] second = [P("OLDCO", D(2021, 3, 1), null)];

        // When
        var plan = FormerTickers.Expand(["NEWCO", "OLDCO"], Range, [first, second]);

        // Then: OLDCO's two periods stay apart, so the 2019-2021 gap (no security of the list) is not asked
        Assert.Equal(
            [("NEWCO", D(2019, 7, 1), D(2025, 12, 31)), ("OLDCO", D(2010, 1, 4), D(2019, 6, 30)), ("OLDCO", D(2021, 3, 1), D(2025, 12, 31))],
            Rows(plan));
        Assert.Equal(["NEWCO", "OLDCO"], plan.Tickers);
    }

    [Fact]
    public void Expand_TickerUsedTwiceBySecurity_BothPeriodsTheOtherBetween()
    {
        // Given: AAA, renamed BBB, then back to AAA
        (string, SymbolPeriod)[] back = [P("AAA", D(2008, 1, 2), D(2012, 12, 31)), P("BBB", D(2013, 1, 1), D(2015, 12, 31)), P("AAA", D(2016, 1, 1), null)];

        // When
        var plan = FormerTickers.Expand(["AAA"], Range, [back]);

        // Then
        Assert.Equal([("AAA", D(2008, 1, 2), D(2012, 12, 31)), ("AAA", D(2016, 1, 1), D(2025, 12, 31)), ("BBB", D(2013, 1, 1), D(2015, 12, 31))], Rows(plan));
    }

    [Fact]
    public void Expand_OverlappingOrTouchingDaysOfOneTicker_BecomeOneRange()
    {
        // Given: AAA is listed without events (whole range) and is also CCC's former ticker; DDD's former ticker EEE
        // ends the day before another listed security took EEE
        (string, SymbolPeriod)[] ccc = [P("AAA", D(2001, 1, 2), D(2007, 12, 31)), P("CCC", D(2008, 1, 2), null)];
        (string, SymbolPeriod)[] ddd = [P("EEE", D(2009, 1, 2), D(2012, 12, 31)), P("DDD", D(2013, 1, 1), null)];
        (string, SymbolPeriod)[] eee = [P("EEE", D(2013, 1, 1), null)];

        // When
        var plan = FormerTickers.Expand(["CCC", "AAA", "DDD", "EEE"], Range, [ccc, ddd, eee]);

        // Then: one range each, so their windows never overlap within the run
        Assert.Equal(
            [("CCC", D(2008, 1, 2), D(2025, 12, 31)), ("AAA", Range.From, Range.To), ("DDD", D(2013, 1, 1), D(2025, 12, 31)), ("EEE", D(2009, 1, 2), D(2025, 12, 31))],
            Rows(plan));
    }

    [Fact]
    public void Expand_PeriodsOutsideTheRangeOrUnknownEnds_ClippedOrDropped()
    {
        // Given: a first ticker whose start is unknown and one wholly before the range
        (string, SymbolPeriod)[] history = [P("GONE", D(1998, 1, 2), D(2003, 5, 30)), P("MID", null, D(2011, 8, 31)), P("NOW", D(2011, 9, 1), null)];

        // When
        var plan = FormerTickers.Expand(["NOW"], Range, [history]);

        // Then
        Assert.Equal([("NOW", D(2011, 9, 1), D(2025, 12, 31)), ("MID", Range.From, D(2011, 8, 31))], Rows(plan));
        Assert.Equal(["MID for NOW 2005-01-01..2011-08-31"], plan.Former);
    }

    [Fact]
    public void Expand_FormerTickerThatCannotBeAFolderName_SkippedWithTheReason()
    {
        (string, SymbolPeriod)[] history = [P("../ESC", D(2010, 1, 4), D(2019, 6, 30)), P("NEWCO", D(2019, 7, 1), null)];

        var plan = FormerTickers.Expand(["NEWCO"], Range, [history]);

        Assert.Equal([("NEWCO", D(2019, 7, 1), D(2025, 12, 31))], Rows(plan));
        var skipped = Assert.Single(plan.Skipped);
        Assert.StartsWith("../ESC (a former ticker of NEWCO) contains '/'", skipped, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_FormerTickerDifferingOnlyInCaseFromAListedOne_SkippedWithTheReason()
    {
        // Given: NEWCO was once "ABCp", and ABCP is listed for another security
        (string, SymbolPeriod)[] history = [P("ABCp", D(2010, 1, 4), D(2019, 6, 30)), P("NEWCO", D(2019, 7, 1), null)];

        // When
        var plan = FormerTickers.Expand(["NEWCO", "ABCP"], Range, [history]);

        // Then
        Assert.Equal([("NEWCO", D(2019, 7, 1), D(2025, 12, 31)), ("ABCP", D(2005, 1, 1), D(2025, 12, 31))], Rows(plan));
        Assert.Equal(["ABCp (a former ticker of NEWCO) differs only in case from ABCP, and Windows and macOS would give both one folder"], plan.Skipped);
        Assert.Empty(plan.Former);
    }

    [Fact]
    public void Expand_ListedTickerIsAnEarlierNameOfItsSecurity_FollowsItToItsLaterTicker()
    {
        // Given: a universe chosen in 2015 (whose tickers list shows DN naming the security) lists DN, which became CYPW in 2024
        (string, SymbolPeriod)[] history = [P("DN", D(2004, 11, 9), D(2024, 9, 25)), P("CYPW", D(2024, 9, 26), null)];

        // When
        var plan = FormerTickers.Expand(["DN"], Range, [history], (ticker, h) => ticker == "DN" && h == history);

        // Then: DN over its days, CYPW over its own, counted as a later ticker (not as one the events do not know)
        Assert.Equal([("DN", Range.From, D(2024, 9, 25)), ("CYPW", D(2024, 9, 26), D(2025, 12, 31))], Rows(plan));
        Assert.Equal(["CYPW for DN 2024-09-26..2025-12-31"], plan.Later);
        Assert.Empty(plan.Former);
        Assert.Equal(0, plan.WithoutEvents);
    }

    [Fact]
    public void Expand_EarlierNameNoTickersListShowsListed_WholeRangeAsWithoutEvents()
    {
        // Given: AAA is CCC's former name, but the listed AAA is another security the events do not know
        (string, SymbolPeriod)[] ccc = [P("AAA", D(2001, 1, 2), D(2007, 12, 31)), P("CCC", D(2008, 1, 2), null)];

        // When
        var plan = FormerTickers.Expand(["AAA"], Range, [ccc], (_, _) => false);

        // Then
        Assert.Equal([("AAA", Range.From, Range.To)], Rows(plan));
        Assert.Equal(1, plan.WithoutEvents);
        Assert.Empty(plan.Later);
    }

    [Fact]
    public void Expand_OldAndNewTickerOfOneSecurityBothListed_FollowedOnce()
    {
        (string, SymbolPeriod)[] history = [P("OLDCO", D(2010, 1, 4), D(2019, 6, 30)), P("NEWCO", D(2019, 7, 1), null)];

        var plan = FormerTickers.Expand(["OLDCO", "NEWCO"], Range, [history], (ticker, _) => ticker == "OLDCO");

        Assert.Equal([("OLDCO", D(2010, 1, 4), D(2019, 6, 30)), ("NEWCO", D(2019, 7, 1), D(2025, 12, 31))], Rows(plan));
        Assert.Equal(["NEWCO for OLDCO 2019-07-01..2025-12-31"], plan.Later);
        Assert.Empty(plan.Former);
    }

    [Fact]
    public async Task Load_UniverseOfAPastDate_DelistedTickerEndsAtItsDelistingAndRenamedOneIsFollowedForward()
    {
        // Given: seed 7 as of 2015-06-30: BXX (Marpax) was delisted on 2010-03-25 and its symbol taken by Paxfax in
        // 2019; DN was renamed CYPW on 2024-09-26
        await using var sim = await SmallCaps.Simulator.SimulatorHost.StartAsync(new SmallCaps.Simulator.SimulatorOptions { UniverseSize = 300, Seed = 7 }, CancellationToken.None);
        using var dir = new SmallCaps.TestSupport.TempDirectory();
        var request = new SmallCaps.Core.Universe.UniverseRequest
        {
            Options = new SmallCaps.Core.Universe.UniverseOptions { IncludeDelisted = true, CapMax = 500e6, Date = D(2015, 6, 30) },
            Today = sim.Truth.AsOf,
            Outdir = dir.Path,
            OutCsv = dir.Combine("u.csv"),
            FetchCorporateActions = true,
        };
        var (selection, _) = await SmallCaps.Core.Tests.Universe.SimUniverse.RunAsync(sim, request);
        Assert.Contains(selection.Members, m => m.Ticker == "BXX" && !m.Active);
        Assert.Contains(selection.Members, m => m.Ticker == "DN");
        var range = new IngestRange(D(2003, 1, 1), D(2026, 6, 30), null);

        // When
        var plan = FormerTickers.Load(dir.Path, ["BXX", "DN"], range);

        // Then
        Assert.Equal([("BXX", D(2003, 1, 1), D(2010, 3, 24)), ("DN", D(2004, 11, 9), D(2024, 9, 25)), ("CYPW", D(2024, 9, 26), D(2026, 6, 30))], Rows(plan));
        Assert.Equal(0, plan.WithoutEvents);
    }

    [Fact]
    public void Load_OutdirWithoutTickerEvents_ThrowsNamingTheCommandToRun()
    {
        using var dir = new SmallCaps.TestSupport.TempDirectory();

        var ex = Assert.Throws<InputException>(() => FormerTickers.Load(dir.Path, ["AAA"], Range));

        Assert.Contains("--former-tickers needs ticker events in", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"select-universe --outdir {dir.Path} --corporate-actions", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnreadableTickerEvents_ThrowsNamingTheFolder()
    {
        // Given: a ticker_events file that is not Parquet
        using var dir = new SmallCaps.TestSupport.TempDirectory();
        var folder = Path.Combine(FormerTickers.EventsFolder(dir.Path), "snapshot_date=2025-12-31");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "part-00000.parquet"), "not parquet");

        // When
        var ex = Assert.Throws<InputException>(() => FormerTickers.Load(dir.Path, ["AAA"], Range));

        // Then
        Assert.StartsWith($"--former-tickers cannot read the ticker events in {FormerTickers.EventsFolder(dir.Path)}: ", ex.Message, StringComparison.Ordinal);
    }
}
