using SmallCaps.Cli.Output;
using SmallCaps.Core.Ingest;

namespace SmallCaps.Cli.Tests.Output;

public sealed class SummaryPrinterTests
{
    private static readonly IngestSnapshot Nightly = new(20, 20, 20, 0, 0, 0, 0, 7_800, 1048576, TimeSpan.FromSeconds(9));

    [Fact]
    public void Print_WindowsRefetchedAfterSplits_SaysHowManyAndExitsOneWhenOneKeptItsOldFile()
    {
        // Given: 3 windows a split had rewritten, 1 of which could not be fetched again
        var outcome = new IngestOutcome(Nightly, false, null, "AAA 2024-01-02..2025-06-13: HTTP 503 (the old file was kept)")
        {
            Refetched = new RefreshTally(3, 2, 1, "AAA 2024-01-02..2025-06-13: HTTP 503 (the old file was kept)"),
        };
        using var output = new StringWriter();

        // When
        SummaryPrinter.Print(output, "bars_1d", outcome, null);

        // Then
        Assert.Contains("  refetched  2 of 3 windows of adjusted bars a split had rewritten; 1 kept their old file, see the log", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("  result     some tasks failed; run the same command again to resume (exit 1)", output.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(", refetched 2/3 windows rewritten by splits", IngestSummary.OneLine(outcome), StringComparison.Ordinal);
    }

    [Fact]
    public void Print_WindowsAnOlderBuildEndedEarlyFetchedAgain_SaysHowMany()
    {
        // Given: 7 windows an older build may have settled before the vendor published their last day, 1 kept its file
        var outcome = new IngestOutcome(Nightly, false, null, null) { RecheckedTails = new RefreshTally(7, 6, 1, "AAA 2026-11-02..2026-11-20: the vendor returned 3 bars for a window that holds 4; the old file was kept") };
        using var output = new StringWriter();

        // When
        SummaryPrinter.Print(output, "bars_1d", outcome, null);

        // Then: the requests beyond the planned tasks are explained
        Assert.Contains("  rechecked  6 of 7 windows an older build may have ended early, fetched again whole; 1 kept their old file, see the log", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("refetched", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Print_NothingStale_NoRefetchLine()
    {
        var outcome = new IngestOutcome(Nightly, false, null, null) { Refetched = RefreshTally.None };
        using var output = new StringWriter();

        SummaryPrinter.Print(output, "bars_1d", outcome, null);

        Assert.DoesNotContain("refetched", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("rechecked", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, outcome.ExitCode);
    }
}
