using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Universe;
using SmallCaps.Core.Verify;

namespace SmallCaps.Core.Tests.Verify;

/// <summary>verify on a lake whose reference data select-universe wrote: listing spans, stray and damaged reference files.</summary>
[Collection(ReferenceLakeCollection.Name)]
public sealed class ReferenceLakeVerifyTests(ReferenceLakeFixture lake)
{
    private static readonly string Daily = LakeLayoutView.DailyDataset;

    [Fact]
    public void Run_ListedListedLaterAndDelistedTickers_IsClean()
    {
        // Given: the lake as select-universe and ingest-daily left it
        using var dir = lake.Copy();

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path, MaxParallelism = 2 });

        // Then: no false alarm for members listed or delisted inside the window
        Assert.True(report.IsClean, string.Join("\n", report.Findings.Select(f => $"{f.Kind} {f.Ticker} {f.Path} {f.Detail}")));
        Assert.Equal(lake.Active.Count + lake.ListedDuring.Count + lake.Delisted.Count, report.Totals.Tickers);
    }

    [Fact]
    public void Load_DelistedTicker_TakesItsDelistingFromTheTickersList()
    {
        // Given: details rows carry no delisting date; the tickers list's delisted part does
        using var dir = lake.Copy();

        // When
        var reference = ReferenceView.Load(dir.Path);

        // Then: the span ends the day before the delisting
        Assert.All(lake.Delisted, d => Assert.Equal(d.Delisted.PlusDays(-1), reference.SpanOf(d.Ticker).Delisted));
    }

    [Fact]
    public void Load_UniverseCsvOfTickersOnly_KeepsTheListDatesTheLakeKnows()
    {
        // Given: select-universe's own --out-csv, a 'ticker' column only
        using var dir = lake.Copy();
        var csv = Path.Combine(dir.Path, "members.csv");
        File.WriteAllLines(csv, ["ticker", .. lake.Active.Select(a => a.Ticker)]);

        // When
        var reference = ReferenceView.Load(dir.Path, csv);

        // Then: the CSV's empty dates do not erase the details' list dates
        Assert.All(lake.Active, a => Assert.Equal(a.Listed, reference.SpanOf(a.Ticker).Listed));
    }

    [Fact]
    public async Task Run_ListedTickerWhoseLastMonthsAreMissing_ReportsTheMissingSessions()
    {
        // Given: a listed ticker's daily file lost its bars after 2025-12-31 (the ledger recorded the shorter file)
        using var dir = lake.Copy();
        var ticker = lake.Active[0].Ticker;
        var entry = LakeSurgery.FirstDone(dir.Path, Daily, ticker);
        var cut = new LocalDate(2025, 12, 31).ToDateOnly().DayNumber - new DateOnly(1970, 1, 1).DayNumber;
        await LakeSurgery.RewriteAsync(dir.Path, entry, bars => bars.Where(b => b.SessionDay <= cut).ToList());

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path, MaxParallelism = 2 });

        // Then: every session of 2026 up to the lake's last day is missing
        var missing = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.MissingSession, missing.Kind);
        Assert.Equal(ticker, missing.Ticker);
        Assert.Equal(NyseCalendar.Sessions(new LocalDate(2026, 1, 1), lake.To).Count, missing.Count);
        Assert.StartsWith("2026: ", missing.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ListedTickerTheVendorAnsweredEmptyFor_ReportsEverySessionOfTheWindow()
    {
        // Given: the listed ticker's window settled empty (no file)
        using var dir = lake.Copy();
        var (ticker, listed) = lake.Active[1];
        var entry = LakeSurgery.FirstDone(dir.Path, Daily, ticker);
        File.Delete(LakeSurgery.Full(dir.Path, entry));
        LakeSurgery.SetState(dir.Path, entry, TaskState.Empty, "no bars");

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path, MaxParallelism = 2 });

        // Then
        var missing = report.Findings.Where(f => f.Kind == FindingKind.MissingSession && f.Ticker == ticker).ToList();
        Assert.Equal(report.Findings.Count, missing.Count);
        Assert.True(listed < ReferenceLakeFixture.From);
        Assert.Equal(NyseCalendar.Sessions(ReferenceLakeFixture.From, lake.To).Count, missing.Sum(f => f.Count));
    }

    [Fact]
    public void Run_DamagedSplitsFile_ReportsItOnceAndChecksTheRest()
    {
        // Given: 4 bytes flipped inside the recorded splits chunk
        using var dir = lake.Copy();
        var splits = lake.FirstChunk(ReferenceLake.SplitsDataset);
        for (var i = 0; i < 4; i++)
        {
            LakeSurgery.FlipByte(LakeLayoutView.Full(dir.Path, splits), 200 + i);
        }

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path, MaxParallelism = 2 });

        // Then: the file's hash and its unreadability, nothing else: the bars are still checked
        Assert.Single(report.Findings, f => f.Kind == FindingKind.HashMismatch && f.Path == splits);
        var unreadable = Assert.Single(report.Findings, f => f.Kind == FindingKind.UnreadableFile);
        Assert.Equal(splits, unreadable.Path);
        Assert.Equal("reference/splits", unreadable.Dataset);
        Assert.Contains("reference data unreadable", unreadable.Detail, StringComparison.Ordinal);
        Assert.Equal(2, report.Findings.Count);
        Assert.True(report.Totals.Rows > 1000);
    }

    [Fact]
    public void Run_StrayCopiesOfAReferenceFile_ReportsEachAsOrphan()
    {
        // Given: the splits chunk copied beside itself and into a snapshot no run wrote
        using var dir = lake.Copy();
        var splits = LakeLayoutView.Full(dir.Path, lake.FirstChunk(ReferenceLake.SplitsDataset));
        File.Copy(splits, Path.Combine(Path.GetDirectoryName(splits)!, "part-00099.parquet"));
        var other = Path.Combine(dir.Path, "reference", "splits", "snapshot_date=2020-01-02");
        Directory.CreateDirectory(other);
        File.Copy(splits, Path.Combine(other, "part-00000.parquet"));
        File.WriteAllText(Path.Combine(other, "notes.txt"), "x");

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path, MaxParallelism = 2 });

        // Then
        Assert.All(report.Findings, f => Assert.Equal(FindingKind.OrphanFile, f.Kind));
        Assert.Equal(
            ["reference/splits/snapshot_date=2020-01-02/notes.txt", "reference/splits/snapshot_date=2020-01-02/part-00000.parquet", $"reference/splits/snapshot_date={ReferenceDates.Format(lake.Snapshot)}/part-00099.parquet"],
            report.Findings.Select(f => f.Path!).Order(StringComparer.Ordinal));
    }
}
