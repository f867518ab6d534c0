using SmallCaps.Core.Backup;
using SmallCaps.Core.Tests.Verify;
using SmallCaps.Core.Verify;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Backup;

[Collection(SimLakeCollection.Name)]
public sealed class SnapshotOrderTests(SimLakeFixture lake)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Prune_AnOlderBuildsSnapshotMadeLast_KeepsItNotTheSequencedOneBefore()
    {
        // Given: an older build's snapshot, then this build's (sequence 1), then new data backed up by an older build again
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-order");
        var first = OlderBuild(Snapshot(source.Path, dest.Path, Noon));
        var sequenced = Snapshot(source.Path, dest.Path, Noon.AddHours(1));
        await RewriteAsync(source.Path);
        var last = OlderBuild(Snapshot(source.Path, dest.Path, Noon.AddHours(2)));
        var onlyLast = Names(last).Except(Names(sequenced)).ToList();

        // When
        var ordered = BackupLayout.Snapshots(dest.Path);
        var result = SnapshotPruner.Prune(dest.Path, keep: 1);

        // Then: the one made last is kept with the content only it names
        Assert.Equal([first, sequenced.SnapshotPath, last], ordered);
        Assert.Equal([last], result.Kept);
        Assert.Equal([first, sequenced.SnapshotPath], result.RemovedSnapshots);
        Assert.NotEmpty(onlyLast);
        Assert.True(SnapshotVerifier.Verify(last).IsClean);
    }

    [Fact]
    public async Task Create_AfterAnOlderBuildsSnapshotMadeLast_IsIncrementalAgainstItAndTakesTheNextSequence()
    {
        // Given: as above, the newest snapshot made by an older build
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-order");
        OlderBuild(Snapshot(source.Path, dest.Path, Noon));
        var sequenced = Snapshot(source.Path, dest.Path, Noon.AddHours(1));
        await RewriteAsync(source.Path);
        var last = OlderBuild(Snapshot(source.Path, dest.Path, Noon.AddHours(2)));

        // When
        var next = Snapshot(source.Path, dest.Path, Noon.AddHours(3));

        // Then: only the ledger is read again (the rewritten bar file is unchanged since the base), and ordered after every other
        Assert.Equal(last, next.PreviousSnapshot);
        Assert.Equal(1, next.HashedFiles);
        Assert.Equal(0, next.CopiedFiles);
        Assert.Equal(2, SnapshotSequence.Read(next.SnapshotPath)?.Sequence);
        Assert.Equal(next.SnapshotPath, BackupLayout.Snapshots(dest.Path)[^1]);
        Assert.Equal(1, SnapshotSequence.Read(sequenced.SnapshotPath)?.Sequence);
    }

    [Fact]
    public void Prune_ClockSetBackBetweenSequencedSnapshots_StillKeepsTheOneMadeLast()
    {
        // Given: an older build's snapshot the day before, then two of this build's, the second after the clock went back an hour
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-order");
        var older = OlderBuild(Snapshot(source.Path, dest.Path, Noon.AddDays(-1)));
        var before = Snapshot(source.Path, dest.Path, Noon.AddHours(2));
        var after = Snapshot(source.Path, dest.Path, Noon.AddHours(1));

        // When
        var ordered = BackupLayout.Snapshots(dest.Path);
        var result = SnapshotPruner.Prune(dest.Path, keep: 1);

        // Then
        Assert.Equal([older, before.SnapshotPath, after.SnapshotPath], ordered);
        Assert.Equal([after.SnapshotPath], result.Kept);
    }

    [Fact]
    public void Prune_OlderBuildsSnapshotWithinAClockSetBack_IsRefusedAndRemovesNothing()
    {
        // Given: this build at 14:00 (sequence 1) and, after the clock went back, at 12:00 (sequence 2); an older build's at 13:00
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-order");
        var at14 = Snapshot(source.Path, dest.Path, Noon.AddHours(2));
        var at12 = Snapshot(source.Path, dest.Path, Noon);
        var at13 = OlderBuild(Snapshot(source.Path, dest.Path, Noon.AddHours(1)));

        // When
        var refused = Assert.Throws<InvalidDataException>(() => SnapshotPruner.Prune(dest.Path, keep: 1));

        // Then: one line naming the three snapshots, and all three still there
        Assert.DoesNotContain('\n', refused.Message);
        Assert.Contains(Path.GetFileName(at13), refused.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(at14.SnapshotPath), refused.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(at12.SnapshotPath), refused.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was removed", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, BackupLayout.Snapshots(dest.Path).Count);
    }

    [Fact]
    public void Prune_OlderBuildsSnapshotInTheSameSecondAsASequencedOne_IsRefused()
    {
        // Given: an older build's snapshot whose inventory does not tell the instant (copied, new write time), and one of this build's in its second
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-order");
        var older = OlderBuild(Snapshot(source.Path, dest.Path, Noon), written: Noon.AddDays(3));
        var sequenced = Snapshot(source.Path, dest.Path, Noon.AddMilliseconds(500));

        // When
        var refused = Assert.Throws<InvalidDataException>(() => SnapshotPruner.Prune(dest.Path, keep: 1));

        // Then
        Assert.Contains("the same second", refused.Message, StringComparison.Ordinal);
        Assert.Equal([older, sequenced.SnapshotPath], BackupLayout.Snapshots(dest.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Prune_OlderBuildsSnapshotInTheSameSecond_IsPlacedByItsInventorysWriteTime()
    {
        // Given: an older build's snapshot written at 12:00:00.800, this build's made at 12:00:00.500
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-order");
        var older = OlderBuild(Snapshot(source.Path, dest.Path, Noon), written: Noon.AddMilliseconds(800));
        var sequenced = Snapshot(source.Path, dest.Path, Noon.AddMilliseconds(500));

        // When
        var result = SnapshotPruner.Prune(dest.Path, keep: 1);

        // Then
        Assert.Equal([older], result.Kept);
        Assert.Equal([sequenced.SnapshotPath], result.RemovedSnapshots);
    }

    private static BackupCreateResult Snapshot(string source, string dest, DateTimeOffset at) =>
        SnapshotCreator.Create(new BackupCreateOptions { Source = source, Destination = dest, Clock = new FakeTimeProvider(at) });

    // What an older build left: no snapshot.tsv, and an inventory written when the clock said (the name's time by default).
    private static string OlderBuild(BackupCreateResult made, DateTimeOffset? written = null)
    {
        File.Delete(Path.Combine(made.SnapshotPath, BackupLayout.SequenceFile));
        var stamp = DateTimeOffset.ParseExact(Path.GetFileName(made.SnapshotPath)[..16], "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        File.SetLastWriteTimeUtc(Path.Combine(made.SnapshotPath, BackupLayout.InventoryFile), (written ?? stamp.AddMilliseconds(10)).UtcDateTime);
        return made.SnapshotPath;
    }

    private static IEnumerable<string> Names(BackupCreateResult made) => Names(made.SnapshotPath);

    private static IEnumerable<string> Names(string snapshot) =>
        Inventory.Read(Path.Combine(snapshot, BackupLayout.InventoryFile)).Select(e => e.Sha256);

    // Drops the last bar of the first minute file: new content under the same path, as a new run would write.
    private static Task RewriteAsync(string outdir)
    {
        var entry = LakeSurgery.FirstDone(outdir, LakeLayoutView.MinuteDataset);
        return LakeSurgery.RewriteAsync(outdir, entry, bars => bars.Take(bars.Count - 1).ToList());
    }
}
