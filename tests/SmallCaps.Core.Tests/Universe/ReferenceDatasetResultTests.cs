using SmallCaps.Core.Ledger;
using SmallCaps.Core.Universe;

namespace SmallCaps.Core.Tests.Universe;

public sealed class ReferenceDatasetResultTests
{
    [Fact]
    public void SummaryLine_OneFile_SaysFileNotFiles()
    {
        // Given: one chunk of details written this run, and one settled by an earlier run
        var fresh = new ReferenceDatasetResult("details", tasks: 1, settledBefore: 0);
        fresh.Finished(TaskState.Done, rows: 3, members: 3, notFound: 0);
        var settled = new ReferenceDatasetResult("details", tasks: 1, settledBefore: 1);

        // When
        var lines = new[] { fresh.SummaryLine(), settled.SummaryLine() };

        // Then
        Assert.StartsWith("Reference details: 1 file (0 already in the lake, 1 written", lines[0], StringComparison.Ordinal);
        Assert.Equal("Reference details: 1 file, all already in the lake", lines[1]);
    }

    [Fact]
    public void SummaryLine_TwoFiles_SaysFiles()
    {
        // When
        var line = new ReferenceDatasetResult("splits", tasks: 2, settledBefore: 2).SummaryLine();

        // Then
        Assert.Equal("Reference splits: 2 files, all already in the lake", line);
    }
}
