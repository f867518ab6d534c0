using SmallCaps.Core.Backup;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Tests.Verify;
using SmallCaps.Core.Verify;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Backup;

[Collection(SimLakeCollection.Name)]
public sealed class SnapshotPrunerTests(SimLakeFixture lake)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Prune_KeepTwoOfThree_RemovesTheOldestAndOnlyTheContentNoKeptSnapshotNames()
    {
        // Given: three snapshots, a bar file rewritten before each of the last two
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-prune");
        var first = Snapshot(source.Path, dest.Path, 0);
        await RewriteAsync(source.Path);
        var second = Snapshot(source.Path, dest.Path, 1);
        await RewriteAsync(source.Path);
        var third = Snapshot(source.Path, dest.Path, 2);
        var objectsBefore = Objects(dest.Path);

        // When
        var result = SnapshotPruner.Prune(dest.Path, keep: 2);

        // Then: the oldest is gone with the content only it named; the kept ones verify and restore clean
        Assert.Equal([first.SnapshotPath], result.RemovedSnapshots);
        Assert.Equal([second.SnapshotPath, third.SnapshotPath], BackupLayout.Snapshots(dest.Path));
        var named = new[] { second, third }.SelectMany(s => Inventory.Read(Path.Combine(s.SnapshotPath, BackupLayout.InventoryFile))).Select(e => e.Sha256).ToHashSet();
        Assert.Equal(named.Order(), Objects(dest.Path).Order());
        Assert.True(result.RemovedObjects > 0);
        Assert.Equal(objectsBefore.Count - named.Count, result.RemovedObjects);
        Assert.True(SnapshotVerifier.Verify(second.SnapshotPath).IsClean);
        using var restored = new TempDirectory("smallcaps-prune-restore");
        Assert.True(SnapshotRestorer.Restore(third.SnapshotPath, restored.Combine("lake")).IsClean);
        Assert.True(LakeVerifier.Run(new VerifyOptions { Outdir = restored.Combine("lake") }).IsClean);
    }

    [Fact]
    public void Prune_WhileACreateHoldsTheDestination_IsRefusedAndRemovesNothing()
    {
        // Given: a first snapshot, and a second one being written
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-prune");
        Snapshot(source.Path, dest.Path, 0);
        Exception? refused = null;

        // When: a prune runs in the middle of the create
        var second = SnapshotCreator.Create(
            new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon.AddHours(1)) },
            () => refused = Record.Exception(() => SnapshotPruner.Prune(dest.Path, keep: 1)),
            CancellationToken.None);

        // Then
        Assert.IsType<OutdirLockedException>(refused);
        Assert.Equal(2, BackupLayout.Snapshots(dest.Path).Count);
        Assert.True(SnapshotVerifier.Verify(second.SnapshotPath).IsClean);
    }

    [Fact]
    public void Prune_LeftoversOfAnInterruptedCreate_AreRemoved()
    {
        // Given: an unfinished snapshot folder and a half-written object, as a killed create leaves them
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-prune");
        var only = Snapshot(source.Path, dest.Path, 0);
        var unfinished = Directory.CreateDirectory(Path.Combine(dest.Path, BackupLayout.SnapshotsFolder, BackupLayout.TempPrefix + "abc")).FullName;
        File.WriteAllText(Path.Combine(unfinished, BackupLayout.InventoryFile), "partial");
        var halfObject = Path.Combine(dest.Path, BackupLayout.ObjectsFolder, BackupLayout.TempPrefix + "def");
        File.WriteAllText(halfObject, "partial");

        // When
        var result = SnapshotPruner.Prune(dest.Path, keep: 1);

        // Then
        Assert.Empty(result.RemovedSnapshots);
        Assert.False(Directory.Exists(unfinished));
        Assert.False(File.Exists(halfObject));
        Assert.Equal(1, result.RemovedObjects);
        Assert.True(SnapshotVerifier.Verify(only.SnapshotPath).IsClean);
    }

    [Fact]
    public void Prune_TwoSnapshotsInTheSameSecond_KeepsTheOneMadeLastNotTheLastByName()
    {
        // Given: "zz" made before "aa" in the same second: by name, "aa" sorts first
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-prune");
        var zz = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Label = "zz", Clock = new FakeTimeProvider(Noon) });
        var aa = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Label = "aa", Clock = new FakeTimeProvider(Noon) });

        // When
        var ordered = BackupLayout.Snapshots(dest.Path);
        var result = SnapshotPruner.Prune(dest.Path, keep: 1);

        // Then: the second create was incremental against the first, and the prune kept the second
        Assert.Equal([zz.SnapshotPath, aa.SnapshotPath], ordered);
        Assert.Equal(zz.SnapshotPath, aa.PreviousSnapshot);
        Assert.Equal([aa.SnapshotPath], result.Kept);
        Assert.Equal([zz.SnapshotPath], result.RemovedSnapshots);
    }

    private static BackupCreateResult Snapshot(string source, string dest, int hour) =>
        SnapshotCreator.Create(new BackupCreateOptions { Source = source, Destination = dest, Clock = new FakeTimeProvider(Noon.AddHours(hour)) });

    // Drops the last bar of the first minute file: new content under the same path, as a merge would write.
    private static Task RewriteAsync(string outdir)
    {
        var entry = LakeSurgery.FirstDone(outdir, LakeLayoutView.MinuteDataset);
        return LakeSurgery.RewriteAsync(outdir, entry, bars => bars.Take(bars.Count - 1).ToList());
    }

    private static List<string> Objects(string dest) =>
        Directory.EnumerateFiles(Path.Combine(dest, BackupLayout.ObjectsFolder), "*", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>().ToList();
}
