using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Tests.Ingest;

public sealed class WindowFoldsTests
{
    private static long _ids;

    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    private static LedgerTask Known(LocalDate s, LocalDate e, TaskState state, string dataset = "bars_1d", bool adjusted = true) =>
        new() { Id = Interlocked.Increment(ref _ids), Key = new TaskKey(dataset, "AAA", s, e), State = state, Adjusted = adjusted, Timespan = dataset == "bars_1d" ? "day" : "minute", Rows = state == TaskState.Done ? 100 : 0 };

    private static IReadOnlyList<WindowFold> Plan(IReadOnlyList<LedgerTask> known, BarDataset? dataset = null, params long[] held) =>
        WindowFolds.Plan(dataset ?? BarDataset.Daily, known, held.ToHashSet());

    [Fact]
    public void Plan_NightlyEmptyWindows_OneEmptyRowSpanningThem()
    {
        // Given: a delisted ticker's nightly windows, all empty
        var known = new[]
        {
            Known(D(2025, 1, 1), D(2025, 1, 2), TaskState.Empty, "bars_1m"),
            Known(D(2025, 1, 3), D(2025, 1, 3), TaskState.Empty, "bars_1m"),
            Known(D(2025, 1, 4), D(2025, 1, 6), TaskState.Empty, "bars_1m"),
        };

        // When
        var fold = Assert.Single(Plan(known, BarDataset.Minute));

        // Then: the first row stays, widened over the others
        Assert.Equal(known[0].Id, fold.Kept.Id);
        Assert.Equal(new TaskKey("bars_1m", "AAA", D(2025, 1, 1), D(2025, 1, 6)), fold.Window);
        Assert.Equal([known[1].Id, known[2].Id], fold.Absorbed);
    }

    [Fact]
    public void Plan_EmptiesAroundFiles_EachFileRowWidensOverItsEmpties()
    {
        // Given: empty, file, empty, file, empty (files of a run that will not be merged, or are merged next)
        var known = new[]
        {
            Known(D(2025, 1, 1), D(2025, 1, 2), TaskState.Empty),
            Known(D(2025, 1, 3), D(2025, 3, 31), TaskState.Done),
            Known(D(2025, 4, 1), D(2025, 4, 1), TaskState.Empty),
            Known(D(2025, 4, 2), D(2025, 6, 30), TaskState.Done),
            Known(D(2025, 7, 1), D(2025, 7, 8), TaskState.Empty),
        };

        // When
        var folds = Plan(known);

        // Then: leading empties join the first file, later ones the file before them; the files stay the done rows
        Assert.Equal(2, folds.Count);
        Assert.Equal((known[1].Id, D(2025, 1, 1), D(2025, 4, 1)), (folds[0].Kept.Id, folds[0].Window.WindowStart, folds[0].Window.WindowEnd));
        Assert.Equal([known[0].Id, known[2].Id], folds[0].Absorbed);
        Assert.Equal((known[3].Id, D(2025, 4, 2), D(2025, 7, 8)), (folds[1].Kept.Id, folds[1].Window.WindowStart, folds[1].Window.WindowEnd));
        Assert.Equal([known[4].Id], folds[1].Absorbed);
    }

    [Fact]
    public void Plan_FilesOnlyOrLoneEmpty_NothingFolded()
    {
        // Files are the merge's business; a lone empty window has nothing to fold with
        var known = new[]
        {
            Known(D(2025, 1, 1), D(2025, 3, 31), TaskState.Done),
            Known(D(2025, 4, 1), D(2025, 6, 30), TaskState.Done),
            Known(D(2025, 7, 2), D(2025, 7, 3), TaskState.Empty),
        };

        Assert.Empty(Plan(known));
    }

    [Theory]
    [InlineData(TaskState.NotFound)]
    [InlineData(TaskState.NotEntitled)]
    [InlineData(TaskState.Failed)]
    [InlineData(TaskState.Pending)]
    public void Plan_OtherStateBetweenEmpties_NeitherFoldedNorCrossed(TaskState between)
    {
        var known = new[]
        {
            Known(D(2025, 1, 1), D(2025, 1, 2), TaskState.Empty),
            Known(D(2025, 1, 3), D(2025, 1, 3), between),
            Known(D(2025, 1, 4), D(2025, 1, 6), TaskState.Empty),
        };

        Assert.Empty(Plan(known));
    }

    [Fact]
    public void Plan_GapAdjustedYearOrJournal_NotFoldedAcrossThem()
    {
        // Given: a gap of a day, a window asked with adjusted=false, the years of minute bars, a merge journal's source
        var gap = new[] { Known(D(2025, 1, 1), D(2025, 1, 2), TaskState.Empty), Known(D(2025, 1, 4), D(2025, 1, 6), TaskState.Empty) };
        var adjusted = new[] { Known(D(2025, 1, 1), D(2025, 1, 2), TaskState.Done), Known(D(2025, 1, 3), D(2025, 1, 6), TaskState.Empty, adjusted: false) };
        var years = new[] { Known(D(2024, 12, 1), D(2024, 12, 31), TaskState.Empty, "bars_1m"), Known(D(2025, 1, 1), D(2025, 1, 2), TaskState.Empty, "bars_1m") };
        var daily = new[] { Known(D(2024, 12, 1), D(2024, 12, 31), TaskState.Empty), Known(D(2025, 1, 1), D(2025, 1, 2), TaskState.Empty) };
        var journalled = new[] { Known(D(2025, 1, 1), D(2025, 1, 2), TaskState.Done), Known(D(2025, 1, 3), D(2025, 1, 6), TaskState.Empty) };

        // When / Then
        Assert.Empty(Plan(gap));
        Assert.Empty(Plan(adjusted));
        Assert.Empty(Plan(years, BarDataset.Minute));
        Assert.Single(Plan(daily));
        Assert.Empty(Plan(journalled, null, journalled[1].Id));
        Assert.Single(Plan(journalled));
    }
}
