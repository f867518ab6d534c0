using SmallCaps.Cli.Ingest;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ingest;

public sealed class RunLogNameTests
{
    private static readonly DateTimeOffset Instant = new(2026, 3, 2, 22, 30, 5, 123, TimeSpan.Zero);

    [Fact]
    public void Reserve_SameInstantThreeTimes_ThreeFilesNumberedInOrder()
    {
        // Given
        using var dir = new TempDirectory();

        // When
        var paths = Enumerable.Range(0, 3).Select(_ => RunLogName.Reserve(dir.Path, "bars_1d", Instant)).ToList();

        // Then
        Assert.Equal(["bars_1d-20260302-223005-123.log", "bars_1d-20260302-223005-123-2.log", "bars_1d-20260302-223005-123-3.log"], paths.Select(Path.GetFileName));
        Assert.All(paths, p => Assert.True(File.Exists(p)));
    }

    [Fact]
    public void OldestFirst_OldAndNewShapesAndNumbers_ByStampThenNumber()
    {
        // Given: an older log without milliseconds, numbered logs past 9, and files that are not run logs of bars_1d
        string[] logs =
        [
            "bars_1d-20260301-020000.log",
            "bars_1d-20260302-223005-123.log",
            "bars_1d-20260302-223005-123-2.log",
            "bars_1d-20260302-223005-123-10.log",
            "bars_1d-20260302-223005-124.log",
        ];
        string[] others = ["bars_1d_x-20260302-223005-123.log", "bars_1d-notes.log", "bars_1d-20260302-223005-123.log.bak", "bars_1d-2026.log"];

        // When
        var ordered = RunLogName.OldestFirst([.. others, .. logs.Reverse()], "bars_1d");

        // Then
        Assert.Equal(logs, ordered);
    }
}
