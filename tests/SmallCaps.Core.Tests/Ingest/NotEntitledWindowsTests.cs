using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Tests.Ingest;

public sealed class NotEntitledWindowsTests
{
    [Fact]
    public void Covering_NoForbiddenWindowYet_IsNull()
    {
        // Given
        var windows = new NotEntitledWindows();

        // When
        var covering = windows.Covering(Window("AAA", 2020));

        // Then
        Assert.Null(covering);
    }

    [Fact]
    public void Covering_AfterA403_CoversThatAndOlderWindowsOfAnyTicker()
    {
        // Given
        var windows = new NotEntitledWindows();

        // When
        windows.Add(Window("AAA", 2021), "history beyond plan");

        // Then
        Assert.Equal("history beyond plan", windows.Covering(Window("AAA", 2021)));
        Assert.Equal("history beyond plan", windows.Covering(Window("BBB", 2019)));
        Assert.Null(windows.Covering(Window("AAA", 2022)));
    }

    [Fact]
    public void Add_OlderWindowAfterANewerOne_KeepsTheNewer()
    {
        // Given
        var windows = new NotEntitledWindows();
        windows.Add(Window("AAA", 2021), "newer");

        // When
        windows.Add(Window("BBB", 2019), "older");

        // Then
        Assert.Equal("newer", windows.Covering(Window("CCC", 2021)));
    }

    private static TaskKey Window(string ticker, int year) => new("bars_1m", ticker, new LocalDate(year, 1, 1), new LocalDate(year, 12, 31));
}
