using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Input;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Tests.Ingest;

public sealed class IngestPlannerTests
{
    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    private static LedgerTask Known(string dataset, LocalDate s, LocalDate e, TaskState state) =>
        new() { Id = 1, Key = new TaskKey(dataset, "AAA", s, e), State = state, Adjusted = true };

    [Fact]
    public void Plan_MinuteFresh_OneWindowPerYearClipped()
    {
        var plan = IngestPlanner.Plan(BarDataset.Minute, ["AAA"], new IngestRange(D(2020, 3, 1), D(2022, 2, 1), null), []);

        Assert.Equal(
            [(D(2020, 3, 1), D(2020, 12, 31)), (D(2021, 1, 1), D(2021, 12, 31)), (D(2022, 1, 1), D(2022, 2, 1))],
            plan.Select(k => (k.WindowStart, k.WindowEnd)));
    }

    [Fact]
    public void Plan_AllSettled_Nothing()
    {
        var known = new[] { Known("bars_1d", D(2020, 1, 1), D(2020, 12, 31), TaskState.Done) };

        var plan = IngestPlanner.Plan(BarDataset.Daily, ["AAA"], new IngestRange(D(2020, 1, 1), D(2020, 12, 31), null), known);

        Assert.Empty(plan);
    }

    [Fact]
    public void Plan_ExtendedTo_OnlyNewRange()
    {
        var known = new[] { Known("bars_1m", D(2021, 1, 1), D(2021, 6, 30), TaskState.Done) };

        var plan = IngestPlanner.Plan(BarDataset.Minute, ["AAA"], new IngestRange(D(2021, 1, 1), D(2022, 1, 31), null), known);

        Assert.Equal(
            [(D(2021, 7, 1), D(2021, 12, 31)), (D(2022, 1, 1), D(2022, 1, 31))],
            plan.Select(k => (k.WindowStart, k.WindowEnd)));
    }

    [Fact]
    public void Plan_EarlierFromAndFailedWindow_RerunsFailedWholeAndFillsGap()
    {
        var known = new[] { Known("bars_1d", D(2020, 6, 1), D(2020, 12, 31), TaskState.Failed) };

        var plan = IngestPlanner.Plan(BarDataset.Daily, ["AAA"], new IngestRange(D(2020, 1, 1), D(2020, 12, 31), null), known);

        Assert.Equal(
            [(D(2020, 1, 1), D(2020, 5, 31)), (D(2020, 6, 1), D(2020, 12, 31))],
            plan.Select(k => (k.WindowStart, k.WindowEnd)));
    }

    [Fact]
    public void Plan_NotEntitledWindow_SkippedUnlessRetryAsked()
    {
        // Given: a year the plan did not cover in an earlier run
        var known = new[] { Known("bars_1m", D(2020, 1, 1), D(2020, 12, 31), TaskState.NotEntitled) };
        var range = new IngestRange(D(2020, 1, 1), D(2021, 12, 31), null);

        // When
        var nightly = IngestPlanner.Plan(BarDataset.Minute, ["AAA"], range, known);
        var retry = IngestPlanner.Plan(BarDataset.Minute, ["AAA"], range, known, retryNotEntitled: true);

        // Then
        Assert.Equal([D(2021, 1, 1)], nightly.Select(k => k.WindowStart));
        Assert.Equal([D(2020, 1, 1), D(2021, 1, 1)], retry.Select(k => k.WindowStart));
        Assert.Equal(1, IngestPlanner.NotEntitledKnown(BarDataset.Minute, [new TickerRange("AAA", D(2020, 6, 1), D(2021, 12, 31))], known));
        Assert.Equal(0, IngestPlanner.NotEntitledKnown(BarDataset.Minute, [new TickerRange("AAA", D(2021, 1, 1), D(2021, 12, 31))], known));
    }

    [Fact]
    public void CheckAdjusted_Mismatch_ThrowsInput()
    {
        var known = new[] { Known("bars_1d", D(2020, 1, 1), D(2020, 12, 31), TaskState.Done) };

        Assert.Throws<InputException>(() => IngestPlanner.CheckAdjusted(BarDataset.Daily, adjusted: false, known));
    }

    [Fact]
    public void Plan_TickerRanges_EachTickerByItsOwnDatesAroundWhatIsKnown()
    {
        // Given: a former ticker AAA asked from 2010-03-15 to 2013-06-30, its 2011 window already done, and BBB from 2013-07-01
        var known = new[] { Known("bars_1m", D(2011, 1, 1), D(2011, 12, 31), TaskState.Done) };
        TickerRange[] wanted = [new("AAA", D(2010, 3, 15), D(2013, 6, 30)), new("BBB", D(2013, 7, 1), D(2014, 2, 28))];

        // When
        var plan = IngestPlanner.Plan(BarDataset.Minute, wanted, known);

        // Then: calendar-year windows clipped to each ticker's dates, the known one left out
        Assert.Equal(
            [("AAA", D(2010, 3, 15), D(2010, 12, 31)), ("AAA", D(2012, 1, 1), D(2012, 12, 31)), ("AAA", D(2013, 1, 1), D(2013, 6, 30)), ("BBB", D(2013, 7, 1), D(2013, 12, 31)), ("BBB", D(2014, 1, 1), D(2014, 2, 28))],
            plan.Select(k => (k.Ticker, k.WindowStart, k.WindowEnd)));
    }
}
