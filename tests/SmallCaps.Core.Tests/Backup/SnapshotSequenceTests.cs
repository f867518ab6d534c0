using SmallCaps.Core.Backup;
using SmallCaps.Core.Tests.Verify;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Backup;

[Collection(SimLakeCollection.Name)]
public sealed class SnapshotSequenceTests(SimLakeFixture lake)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Snapshots_TenWithOneLabelInOneSecond_AreInCreationOrderPastSuffixTen()
    {
        // Given: names x, x-2 ... x-10, where "x-10" sorts before "x-2" by name
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-prune");
        var made = Enumerable.Range(0, 10)
            .Select(_ => SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Label = "x", Clock = new FakeTimeProvider(Noon) }))
            .ToList();

        // When
        var ordered = BackupLayout.Snapshots(dest.Path);

        // Then: each create was incremental against the one just before it
        Assert.EndsWith("-x-10", made[^1].SnapshotPath, StringComparison.Ordinal);
        Assert.Equal(made.Select(m => m.SnapshotPath), ordered);
        Assert.Equal(made.SkipLast(1).Select(m => m.SnapshotPath), made.Skip(1).Select(m => m.PreviousSnapshot));
    }
}
