using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Tests.Ingest;

public sealed class MergePlannerTests
{
    private static long _ids;

    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    private static LedgerTask Known(string dataset, LocalDate s, LocalDate e, TaskState state, string ticker = "AAA", bool adjusted = true, long rows = 100) =>
        new() { Id = Interlocked.Increment(ref _ids), Key = new TaskKey(dataset, ticker, s, e), State = state, Adjusted = adjusted, Timespan = "minute", Rows = state == TaskState.Done ? rows : 0 };

    private static LedgerTask[] Nights(params long[] rows) =>
        [.. rows.Select((r, i) => Known("bars_1m", D(2025, 1, 1).PlusDays(i), D(2025, 1, 1).PlusDays(i), TaskState.Done, rows: r))];

    [Fact]
    public void Plan_NightlyWindowsOfOneYear_OneMergeSpanningThem()
    {
        // Given: a half year, then two nightly extensions
        var known = new[]
        {
            Known("bars_1m", D(2025, 1, 1), D(2025, 6, 30), TaskState.Done),
            Known("bars_1m", D(2025, 7, 1), D(2025, 7, 1), TaskState.Done),
            Known("bars_1m", D(2025, 7, 2), D(2025, 7, 2), TaskState.Done),
        };

        // When
        var merges = MergePlanner.Plan(BarDataset.Minute, known, ["AAA"]);

        // Then
        var merge = Assert.Single(merges);
        Assert.Equal(new TaskKey("bars_1m", "AAA", D(2025, 1, 1), D(2025, 7, 2)), merge.Merged);
        Assert.Equal(known.Select(k => k.Id), merge.Sources.Select(s => s.Id));
    }

    [Fact]
    public void Plan_EmptyWindowBetweenFiles_FoldedIntoTheMerge()
    {
        var known = new[]
        {
            Known("bars_1d", D(2025, 1, 1), D(2025, 7, 3), TaskState.Done),
            Known("bars_1d", D(2025, 7, 4), D(2025, 7, 4), TaskState.Empty),
            Known("bars_1d", D(2025, 7, 5), D(2025, 7, 8), TaskState.Done),
        };

        var merge = Assert.Single(MergePlanner.Plan(BarDataset.Daily, known, ["AAA"]));

        Assert.Equal((D(2025, 1, 1), D(2025, 7, 8)), (merge.Merged.WindowStart, merge.Merged.WindowEnd));
        Assert.Equal(2, merge.Files.Count());
        Assert.Equal(3, merge.Sources.Count);
    }

    [Fact]
    public void Plan_FailedWindowOrGapBetweenFiles_NothingMerged()
    {
        // Given: a failed window between two files, and a later file after a gap of a day
        var known = new[]
        {
            Known("bars_1d", D(2025, 1, 1), D(2025, 3, 31), TaskState.Done),
            Known("bars_1d", D(2025, 4, 1), D(2025, 4, 30), TaskState.Failed),
            Known("bars_1d", D(2025, 5, 1), D(2025, 5, 31), TaskState.Done),
            Known("bars_1d", D(2025, 6, 2), D(2025, 6, 30), TaskState.Done),
        };

        // When / Then: the failed window will be re-run whole and must not end up inside a merged window
        Assert.Empty(MergePlanner.Plan(BarDataset.Daily, known, ["AAA"]));
    }

    [Fact]
    public void Plan_MinuteWindowsInTwoYears_MergedPerYearOnly()
    {
        var known = new[]
        {
            Known("bars_1m", D(2024, 1, 1), D(2024, 6, 30), TaskState.Done),
            Known("bars_1m", D(2024, 7, 1), D(2024, 12, 31), TaskState.Done),
            Known("bars_1m", D(2025, 1, 1), D(2025, 1, 31), TaskState.Done),
        };

        var merge = Assert.Single(MergePlanner.Plan(BarDataset.Minute, known, ["AAA"]));

        Assert.Equal((D(2024, 1, 1), D(2024, 12, 31)), (merge.Merged.WindowStart, merge.Merged.WindowEnd));
    }

    [Fact]
    public void Plan_OtherTickersAndOneFileWithEmpties_NothingMerged()
    {
        var known = new[]
        {
            Known("bars_1d", D(2025, 1, 1), D(2025, 6, 30), TaskState.Done, "BBB"),
            Known("bars_1d", D(2025, 7, 1), D(2025, 7, 31), TaskState.Done, "BBB"),
            Known("bars_1d", D(2025, 1, 1), D(2025, 6, 30), TaskState.Done),
            Known("bars_1d", D(2025, 7, 1), D(2025, 7, 31), TaskState.Empty),
        };

        // BBB is not in this run; AAA has only one file
        Assert.Empty(MergePlanner.Plan(BarDataset.Daily, known, ["AAA"]));
        Assert.Single(MergePlanner.Plan(BarDataset.Daily, known, ["AAA", "BBB"]));
    }

    [Fact]
    public void Plan_AdjustedDiffers_NotMergedAcrossIt()
    {
        var known = new[]
        {
            Known("bars_1d", D(2025, 1, 1), D(2025, 6, 30), TaskState.Done),
            Known("bars_1d", D(2025, 7, 1), D(2025, 7, 31), TaskState.Done, adjusted: false),
        };

        Assert.Empty(MergePlanner.Plan(BarDataset.Daily, known, ["AAA"]));
    }

    [Theory]
    [InlineData(new long[] { 40_000, 30_000, 500, 400 }, 0)]
    [InlineData(new long[] { 40_000, 30_000, 300, 300 }, 2)]
    [InlineData(new long[] { 70_000, 900, 300, 300, 300 }, 4)]
    [InlineData(new long[] { 30_000, 40_000 }, 2)]
    [InlineData(new long[] { 30_000, 30_000, 20_000, 15_000 }, 0)]
    [InlineData(new long[] { 30_000, 20_000, 15_000 }, 3)]
    public void Plan_PartitionOverOneRowGroup_MergesNewestFilesBackToABiggerOne(long[] rows, int merged)
    {
        // Given: files of these sizes, oldest first (a partition over 65,536 bars in all but the last case)
        var known = Nights(rows);

        // When
        var merges = MergePlanner.Plan(BarDataset.Minute, known, ["AAA"]);

        // Then: only the newest files, each older one no bigger than all the newer ones it joins
        if (merged == 0)
        {
            Assert.Empty(merges);
            return;
        }

        var merge = Assert.Single(merges);
        Assert.Equal(known.TakeLast(merged).Select(k => k.Id), merge.Sources.Select(s => s.Id));
        Assert.Equal((known[^merged].Key.WindowStart, known[^1].Key.WindowEnd), (merge.Merged.WindowStart, merge.Merged.WindowEnd));
    }
}
