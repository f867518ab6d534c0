using NodaTime;
using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Universe;
using SmallCaps.Core.Verify;

namespace SmallCaps.Core.Tests.Verify;

/// <summary>A ticker that took its name mid-window has no bars under it before: verify expects none once events say so.</summary>
[Collection(SimLakeCollection.Name)]
public sealed class TickerChangeVerifyTests(SimLakeFixture lake)
{
    private static readonly LocalDate Change = new(2023, 7, 3);

    [Fact]
    public async Task Run_LeadingGapWithoutEvents_ReportsMissingSessionWithTheRenameHint()
    {
        // Given: the first ticker's daily bars start on 2023-07-03, though its listing (and the window) start earlier
        using var dir = lake.Copy();
        var entry = await DropBarsBeforeChangeAsync(dir.Path);

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        // Then: one finding for 2023, saying the gap ends at the first bar and how to tell verify about renames
        var missing = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.MissingSession, missing.Kind);
        Assert.Equal(entry, missing.Ticker);
        Assert.Contains("2023-01-03", missing.Detail, StringComparison.Ordinal);
        Assert.Contains("all before its first bar, 2023-07-03: a ticker change?", missing.Detail, StringComparison.Ordinal);
        Assert.Equal(0, report.Totals.TickersWithEvents);
    }

    [Fact]
    public async Task Run_LeadingGapWithTheTickerChangeInTheReferenceLake_IsClean()
    {
        // Given: the same lake plus ticker_events as select-universe --corporate-actions writes them: the security
        // traded as OLDCO from 2019 and took the ticker on 2023-07-03
        using var dir = lake.Copy();
        var ticker = await DropBarsBeforeChangeAsync(dir.Path);
        await TickerEventsWriter.WriteAsync(dir.Path, "2023-12-29", ("figi:BBG000TEST1", [new TickerChangeEvent(ticker, "2023-07-03"), new TickerChangeEvent("OLDCO", "2019-01-02")]));

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        // Then
        Assert.Empty(report.Findings);
        Assert.Equal(2, report.Totals.TickersWithEvents);
    }

    [Fact]
    public async Task Run_TickerReusedByAnotherSecurity_ExpectsNoBarsBetweenTheTwoPeriods()
    {
        // Given: one security used the ticker until it became NEWCO on 2023-05-01; another took it on 2023-09-01
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, LakeLayoutView.DailyDataset);
        var (gapFrom, gapTo) = (DayNumber(new LocalDate(2023, 5, 1)), DayNumber(new LocalDate(2023, 8, 31)));
        await LakeSurgery.RewriteAsync(dir.Path, entry, bars => bars.Where(b => b.SessionDay < gapFrom || b.SessionDay > gapTo).ToList());
        await TickerEventsWriter.WriteAsync(
            dir.Path,
            "2023-12-29",
            ("figi:BBG000TEST2", [new TickerChangeEvent(entry.Ticker, "2010-05-03"), new TickerChangeEvent("NEWCO", "2023-05-01")]),
            ("figi:BBG000TEST3", [new TickerChangeEvent("OTHERCO", "2015-01-02"), new TickerChangeEvent(entry.Ticker, "2023-09-01")]));

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        // Then
        Assert.Empty(report.Findings);
    }

    [Theory]
    [InlineData(2023, 8, 31, true)]
    [InlineData(2023, 5, 12, false)]
    public async Task Run_StretchWithoutBarsAndNoEvents_HintsAtAReusedTickerOnlyWhenLong(int year, int month, int day, bool hinted)
    {
        // Given: no daily bars from 2023-05-01 to the given day, and no ticker events
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, LakeLayoutView.DailyDataset);
        var (gapFrom, gapTo) = (DayNumber(new LocalDate(2023, 5, 1)), DayNumber(new LocalDate(year, month, day)));
        await LakeSurgery.RewriteAsync(dir.Path, entry, bars => bars.Where(b => b.SessionDay < gapFrom || b.SessionDay > gapTo).ToList());

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        // Then: the sessions are reported either way; only a long stretch suggests another security
        var missing = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.MissingSession, missing.Kind);
        Assert.Equal(hinted, missing.Detail.Contains("a ticker another security used before?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_LaterSnapshotOfTheSameIdentity_ReplacesTheEarlierEvents()
    {
        // Given: an old snapshot that does not know the change yet, and a newer one that does
        using var dir = lake.Copy();
        var ticker = await DropBarsBeforeChangeAsync(dir.Path);
        await TickerEventsWriter.WriteAsync(dir.Path, "2023-01-31", ("figi:BBG000TEST1", [new TickerChangeEvent(ticker, "2019-01-02")]));
        await TickerEventsWriter.WriteAsync(dir.Path, "2023-12-29", ("figi:BBG000TEST1", [new TickerChangeEvent("OLDCO", "2019-01-02"), new TickerChangeEvent(ticker, "2023-07-03")]));

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        // Then: only the newer history counts, so the first half of 2023 is not expected under the ticker
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Run_UnreadableTickerEvents_ReportedAndCheckedWithoutThem()
    {
        // Given: a ticker_events file that is not Parquet
        using var dir = lake.Copy();
        var folder = Path.Combine(dir.Path, ReferenceView.Folder, ReferenceLake.TickerEventsDataset, "snapshot_date=2023-12-29");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "part-00000.parquet"), "not parquet");

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        // Then: one finding naming the reference data, and the file no ledger task accounts for; the lake itself is still checked
        var finding = Assert.Single(report.Findings, f => f.Kind == FindingKind.UnreadableFile);
        Assert.Contains("reference data unreadable", finding.Detail, StringComparison.Ordinal);
        Assert.Equal("reference/ticker_events/snapshot_date=2023-12-29/part-00000.parquet", finding.Path);
        Assert.Single(report.Findings, f => f.Kind == FindingKind.OrphanFile && f.Path == finding.Path);
        Assert.Equal(2, report.Findings.Count);
        Assert.True(report.Totals.Files > 0);
    }

    // Keeps the first daily file's bars from the change on; returns its ticker.
    private static async Task<string> DropBarsBeforeChangeAsync(string outdir)
    {
        var entry = LakeSurgery.FirstDone(outdir, LakeLayoutView.DailyDataset);
        var changeDay = DayNumber(Change);
        await LakeSurgery.RewriteAsync(outdir, entry, bars => bars.Where(b => b.SessionDay >= changeDay).ToList());
        return entry.Ticker;
    }

    private static int DayNumber(LocalDate date) => date.ToDateOnly().DayNumber - new DateOnly(1970, 1, 1).DayNumber;
}
