using NodaTime;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Manifest;
using SmallCaps.Core.Ticks;

namespace SmallCaps.Core.Tests.Ticks;

public sealed class TickPlannerTests
{
    private static readonly LocalDate Day = new(2024, 3, 15);

    [Fact]
    public void Plan_OneTaskPerTickerAndSession_OverlapsMerged_SettledSkipped()
    {
        // Given ABC has two overlapping windows on Day and one on Day+1 (settled), XYZ one failed window
        var windows = new[]
        {
            SimTicks.Window("ABC", Day, 10, 0, 10, 30),
            SimTicks.Window("ABC", Day, 10, 20, 11, 0),
            SimTicks.Window("ABC", Day.PlusDays(1), 10, 0, 10, 30),
            SimTicks.Window("XYZ", Day, 9, 0, 9, 30),
        };
        var known = new[] { Task("ABC", Day.PlusDays(1), TaskState.Done), Task("XYZ", Day, TaskState.Failed) };

        // When
        var plan = TickPlanner.Plan(TickDataset.Trades, windows, known);

        // Then
        Assert.Equal(["ABC", "XYZ"], plan.Select(t => t.Key.Ticker));
        var abc = Assert.Single(plan[0].Windows);
        Assert.Equal((windows[0].StartNs, windows[1].EndNs), (abc.StartNs, abc.EndNs));
        Assert.Equal(new TaskKey("trades", "ABC", Day, Day), plan[0].Key);
    }

    [Fact]
    public void ChangedSinceSettled_WidenedWindow_IsReported()
    {
        // Given a done session fetched with 10:00-10:30, and a manifest now asking 10:00-11:00
        var old = new[] { SimTicks.Window("ABC", Day, 10, 0, 10, 30) };
        var now = new[] { SimTicks.Window("ABC", Day, 10, 0, 11, 0) };
        var known = new[] { Task("ABC", Day, TaskState.Done) with { Timespan = WindowFingerprint.Of(TickKind.Trades, old) } };

        // When
        var same = TickPlanner.ChangedSinceSettled(TickDataset.Trades, old, known);
        var changed = TickPlanner.ChangedSinceSettled(TickDataset.Trades, now, known);

        // Then
        Assert.Empty(same);
        Assert.Single(changed);
    }

    private static LedgerTask Task(string ticker, LocalDate day, TaskState state) =>
        new() { Id = 1, Key = new TaskKey("trades", ticker, day, day), State = state, Timespan = "trades" };
}
