using NodaTime;
using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Tests.Ingest;

public sealed class StaleWindowsTests
{
    private static readonly LocalDate Split = new(2025, 6, 16);

    [Theory]
    [InlineData("2025-06-13T21:00", true)] // the Friday evening before
    [InlineData("2025-06-16T02:00", true)] // the night before the open: the vendor may not have it yet
    [InlineData("2025-06-16T09:29", true)]
    [InlineData("2025-06-16T09:30", false)] // from the open on, adjusted bars include it
    [InlineData("2025-06-20T21:00", false)]
    public void Find_FetchedBeforeTheOpenOfTheExecutionDate_IsStale(string fetchedNewYork, bool stale)
    {
        var task = Task("AAA", At(fetchedNewYork), firstBar: new LocalDate(2025, 1, 2));

        var found = StaleWindows.Find([task], [new SplitRecord("AAA", "2025-06-16", 10, 1, "s")], At("2025-06-30T12:00"));

        Assert.Equal(stale, found.Count == 1);
    }

    [Fact]
    public void Find_SplitNotInForceYet_OrBarsAllAfterIt_OrAnotherTicker_IsNotStale()
    {
        var fetched = At("2025-06-13T21:00");
        var split = new SplitRecord("AAA", "2025-06-16", 10, 1, "s");

        // Announced, not executed: the run on the evening before does not fetch again.
        Assert.Empty(StaleWindows.Find([Task("AAA", fetched, new LocalDate(2025, 1, 2))], [split], At("2025-06-15T22:00")));

        // A window whose first bar is on or after the execution date has nothing to divide.
        Assert.Empty(StaleWindows.Find([Task("AAA", fetched, Split)], [split], At("2025-06-30T12:00")));

        // Another ticker's split.
        Assert.Empty(StaleWindows.Find([Task("BBB", fetched, new LocalDate(2025, 1, 2))], [split], At("2025-06-30T12:00")));
    }

    [Fact]
    public void Find_TwoSplitsSinceTheFetch_ReportsTheWindowOnceWithTheNewest_AndIgnoresUnusableRows()
    {
        var task = Task("AAA", At("2025-01-10T21:00"), new LocalDate(2024, 1, 2));
        SplitRecord[] splits =
        [
            new("AAA", "2025-03-03", 1, 2, "a"),
            new("AAA", "2025-06-16", 10, 1, "b"),
            new("AAA", null, 1, 2, "no date"),
            new("AAA", "2025-05-01", 0, 2, "no ratio"),
            new("AAA", "2025-05-02", 3, 3, "no change"),
        ];

        var found = Assert.Single(StaleWindows.Find([task], splits, At("2025-06-30T12:00")));

        Assert.Equal(Split, found.ExecutionDate);
        Assert.Equal("fetched 2025-01-10, before the 1-for-10 split of 2025-06-16", found.Reason);
    }

    [Fact]
    public void Candidates_OnlyDoneAdjustedWindowsWithBarsOfTheListedTickers()
    {
        var done = Task("AAA", At("2025-01-10T21:00"), new LocalDate(2024, 1, 2));
        LedgerTask[] known =
        [
            done,
            done with { Id = 2, Adjusted = false },
            done with { Id = 3, State = TaskState.Failed },
            done with { Id = 4, Key = done.Key with { Ticker = "ZZZ" } },
        ];

        var candidates = StaleWindows.Candidates(known, ["AAA"]);

        Assert.Equal([1L], candidates.Select(c => c.Id));
    }

    [Fact]
    public void QueryFrom_PerTicker_OldestFetch_OrAMonthBeforeTheDateCheckedThrough()
    {
        // Given: AAA fetched 2023-01-10 and checked through 2025-06-30; BBB fetched 2025-06-20, checked through 2025-06-30
        var aaa = Task("AAA", At("2023-01-10T21:00"), new LocalDate(2022, 1, 3));
        var bbb = Task("BBB", At("2025-06-20T21:00"), new LocalDate(2022, 1, 3)) with { Id = 2 };
        var through = new LocalDate(2025, 6, 30);
        var checkedThrough = new Dictionary<string, LocalDate> { ["AAA"] = through, ["BBB"] = through };

        // Then: AAA asks again from 30 days before its check, BBB from its fetch (later than that)
        Assert.Equal(through.PlusDays(-StaleWindows.LateRecordDays), StaleWindows.QueryFrom([aaa], checkedThrough));
        Assert.Equal(new LocalDate(2025, 6, 20), StaleWindows.QueryFrom([bbb], checkedThrough));
        Assert.Equal(through.PlusDays(-StaleWindows.LateRecordDays), StaleWindows.QueryFrom([aaa, bbb], checkedThrough));

        // A ticker never checked (new to the list, or left stale by a failure) asks from its oldest fetch.
        Assert.Equal(new LocalDate(2023, 1, 10), StaleWindows.QueryFrom([aaa, bbb], new Dictionary<string, LocalDate> { ["BBB"] = through }));
        Assert.Null(StaleWindows.QueryFrom([], checkedThrough));
    }

    private static DateTimeOffset At(string newYork) =>
        NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm").Parse(newYork).Value.InZoneStrictly(NewYorkTime.Zone).ToDateTimeOffset();

    private static LedgerTask Task(string ticker, DateTimeOffset fetchedAt, LocalDate firstBar) => new()
    {
        Id = 1,
        Key = new TaskKey("bars_1d", ticker, new LocalDate(2024, 1, 1), new LocalDate(2025, 6, 13)),
        State = TaskState.Done,
        Adjusted = true,
        FirstT = NewYorkTime.StartOfDayUnixMilliseconds(firstBar) + (10 * 3_600_000),
        FilePath = "f",
        FetchedAt = fetchedAt,
    };
}
