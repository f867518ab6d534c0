using SmallCaps.Core.Backup;
using SmallCaps.Core.Progress;
using SmallCaps.Core.Tests.Verify;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Backup;

[Collection(SimLakeCollection.Name)]
public sealed class SnapshotProgressTests(SimLakeFixture lake)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_FirstThenAgain_CountsCopiedThenUnchangedFiles()
    {
        // Given
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-backup");
        var first = new WorkProgress(new FakeTimeProvider(Noon));
        var second = new WorkProgress(new FakeTimeProvider(Noon));

        // When
        var created = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon), Progress = first });
        var again = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon.AddHours(1)), Progress = second });

        // Then: the ledger is taken before the step's count; every other file is counted, copied the first time, unchanged the next
        Assert.Empty(created.Problems);
        var files = created.Files - 1;
        var s1 = first.Snapshot();
        Assert.Equal("writing the snapshot", s1.Step);
        Assert.Equal((files, files, created.CopiedFiles - 1), ((int)s1.Files, (int)s1.FilesTotal, (int)s1.Copied));
        Assert.Equal(s1.BytesTotal, s1.Bytes);
        var s2 = second.Snapshot();
        Assert.Equal(again.Files - 1, (int)s2.Unchanged);
        Assert.Equal(0, s2.Copied);
    }

    [Fact]
    public void VerifyAndRestore_WithProgress_CountEveryFileOfTheSnapshot()
    {
        // Given
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-backup");
        using var restored = new TempDirectory("smallcaps-restore");
        var created = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon) });
        var verifying = new WorkProgress(new FakeTimeProvider(Noon));
        var restoring = new WorkProgress(new FakeTimeProvider(Noon));

        // When
        SnapshotVerifier.Verify(created.SnapshotPath, verifying, CancellationToken.None);
        SnapshotRestorer.Restore(created.SnapshotPath, restored.Combine("lake"), restoring, CancellationToken.None);

        // Then: restore's last step is the read-back check
        var v = verifying.Snapshot();
        Assert.Equal(("re-hashed", (long)created.Files, (long)created.Files, created.Bytes), (v.Step, v.Files, v.FilesTotal, v.Bytes));
        var r = restoring.Snapshot();
        Assert.Equal(("checked", (long)created.Files, (long)created.Files, created.Bytes), (r.Step, r.Files, r.FilesTotal, r.Bytes));
    }
}
