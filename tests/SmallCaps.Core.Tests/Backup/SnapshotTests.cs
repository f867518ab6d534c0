using SmallCaps.Core.Backup;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Tests.Verify;
using SmallCaps.Core.Verify;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Backup;

[Collection(SimLakeCollection.Name)]
public sealed class SnapshotTests(SimLakeFixture lake)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CreateThenRestore_Lake_IsByteIdenticalAndVerifiesClean()
    {
        // Given
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-backup");
        using var restored = new TempDirectory("smallcaps-restore");

        // When
        var created = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Label = "first run", Clock = new FakeTimeProvider(Noon) });
        var check = SnapshotVerifier.Verify(created.SnapshotPath);
        var restore = SnapshotRestorer.Restore(created.SnapshotPath, restored.Combine("lake"));

        // Then
        Assert.Empty(created.Problems);
        Assert.EndsWith("20261121T120000Z-first-run", created.SnapshotPath, StringComparison.Ordinal);
        Assert.True(check.IsClean);
        Assert.True(restore.IsClean);
        foreach (var file in Directory.EnumerateFiles(source.Path, "*", SearchOption.AllDirectories).Where(f => !f.Contains("_ledger", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(source.Path, file);
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(restored.Path, "lake", relative)));
        }

        Assert.Equal(created.Files, Directory.EnumerateFiles(restored.Combine("lake"), "*", SearchOption.AllDirectories).Count());
        foreach (var name in new[] { BackupLayout.InventoryFile, BackupLayout.HashesFile, BackupLayout.ReadmeFile })
        {
            Assert.True(File.Exists(Path.Combine(created.SnapshotPath, name)), name);
        }

        // The restored ledger is a working ledger: verify on the restored lake is clean.
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = restored.Combine("lake") });
        Assert.True(report.IsClean, string.Join("\n", report.Findings.Select(f => f.Detail)));
    }

    [Fact]
    public void Restore_TargetWithTrailingSeparator_RestoresEveryFile()
    {
        // Given: "--to restored/", as tab completion writes it in bash and PowerShell
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-backup");
        using var restored = new TempDirectory("smallcaps-restore");
        var created = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon) });

        // When
        var restore = SnapshotRestorer.Restore(created.SnapshotPath, restored.Combine("lake") + Path.DirectorySeparatorChar);

        // Then
        Assert.True(restore.IsClean, string.Join("\n", restore.Problems.Select(p => $"{p.Path}: {p.Reason}")));
        Assert.Equal(created.Files, Directory.EnumerateFiles(restored.Combine("lake"), "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task Create_SecondAfterSmallChange_CopiesOnlyWhatChanged()
    {
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-backup");
        var first = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon) });
        var entry = LakeSurgery.FirstDone(source.Path, LakeLayoutView.MinuteDataset);
        await LakeSurgery.RewriteAsync(source.Path, entry, bars => bars.Take(bars.Count - 1).ToList());
        var changed = new FileInfo(LakeSurgery.Full(source.Path, entry)).Length;

        var second = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon.AddHours(1)) });

        Assert.Equal(first.SnapshotPath, second.PreviousSnapshot);
        Assert.Equal(first.Files, second.Files);
        Assert.Equal(2, second.CopiedFiles); // the rewritten file and the ledger that records it
        Assert.Equal(2, second.HashedFiles);
        var ledgerSize = Inventory.Read(Path.Combine(second.SnapshotPath, BackupLayout.InventoryFile)).Single(e => e.Path == SnapshotCreator.LedgerPath).Size;
        Assert.Equal(changed + ledgerSize, second.CopiedBytes);
        Assert.Equal(first.Files, first.CopiedFiles);
        Assert.True(SnapshotVerifier.Verify(first.SnapshotPath).IsClean);
        Assert.True(SnapshotVerifier.Verify(second.SnapshotPath).IsClean);
    }

    [Fact]
    public void Verify_CorruptedObject_ReportsTheFileAndReason()
    {
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-backup");
        var created = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon) });
        var victim = Inventory.Read(Path.Combine(created.SnapshotPath, BackupLayout.InventoryFile)).First(e => e.Path.EndsWith(".parquet", StringComparison.Ordinal));
        LakeSurgery.FlipByte(BackupLayout.ObjectPath(Path.Combine(dest.Path, BackupLayout.ObjectsFolder), victim.Sha256), victim.Size / 2);

        var check = SnapshotVerifier.Verify(created.SnapshotPath);

        var problem = Assert.Single(check.Problems);
        Assert.Equal(victim.Path, problem.Path);
        Assert.Contains("corrupt", problem.Reason, StringComparison.Ordinal);

        // Restore refuses the corrupt object and says so.
        using var restored = new TempDirectory("smallcaps-restore");
        var restore = SnapshotRestorer.Restore(created.SnapshotPath, restored.Combine("lake"));
        Assert.Equal(victim.Path, Assert.Single(restore.Problems).Path);

        // The summary counts what was restored, not the whole snapshot.
        Assert.Equal(created.Files - 1, restore.RestoredFiles);
        Assert.Equal(created.Bytes - victim.Size, restore.RestoredBytes);
    }

    [Fact]
    public void Verify_CorruptAndMissingObjects_CorruptIsMovedAsideAndTheNextCreateRepairsBoth()
    {
        // Given: one object with a byte flipped (same size: a stat cannot tell), another deleted
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-backup");
        var first = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon) });
        var victims = Inventory.Read(Path.Combine(first.SnapshotPath, BackupLayout.InventoryFile))
            .Where(e => e.Path.EndsWith(".parquet", StringComparison.Ordinal)).DistinctBy(e => e.Sha256).Take(2).ToList();
        var objects = Path.Combine(dest.Path, BackupLayout.ObjectsFolder);
        var corrupt = BackupLayout.ObjectPath(objects, victims[0].Sha256);
        LakeSurgery.FlipByte(corrupt, victims[0].Size / 2);
        File.Delete(BackupLayout.ObjectPath(objects, victims[1].Sha256));

        // When
        var check = SnapshotVerifier.Verify(first.SnapshotPath);
        var second = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon.AddHours(1)) });

        // Then: verify names both, moves the corrupt one aside (bytes kept); the create copies both again from the lake
        Assert.Equal(victims.Select(v => v.Path).Order(StringComparer.Ordinal), check.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        var corruptProblem = check.Problems.Single(p => p.Path == victims[0].Path);
        Assert.Contains("corrupt", corruptProblem.Reason, StringComparison.Ordinal);
        Assert.Contains("moved aside", corruptProblem.Reason, StringComparison.Ordinal);
        Assert.True(File.Exists(corrupt + BackupLayout.QuarantineSuffix));
        Assert.Empty(second.Problems);
        Assert.True(second.CopiedFiles >= 2, $"copied {second.CopiedFiles}");
        var again = SnapshotVerifier.Verify(second.SnapshotPath);
        Assert.True(again.IsClean, string.Join("\n", again.Problems.Select(p => $"{p.Path}: {p.Reason}")));

        // Same content, same name: the older snapshot is whole again too.
        Assert.True(SnapshotVerifier.Verify(first.SnapshotPath).IsClean);
    }

    [Fact]
    public void Verify_InventoryListsAnotherSize_LeavesTheGoodObjectInPlace()
    {
        // Given: the snapshot's inventory, not the object, is wrong
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-backup");
        var created = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon) });
        var inventory = Path.Combine(created.SnapshotPath, BackupLayout.InventoryFile);
        var victim = Inventory.Read(inventory).First(e => e.Path.EndsWith(".parquet", StringComparison.Ordinal));
        Inventory.Write(inventory, Inventory.Read(inventory).Select(e => e == victim ? e with { Size = e.Size + 1 } : e));

        // When
        var check = SnapshotVerifier.Verify(created.SnapshotPath);

        // Then
        Assert.Contains("not moved aside", Assert.Single(check.Problems).Reason, StringComparison.Ordinal);
        Assert.True(File.Exists(BackupLayout.ObjectPath(Path.Combine(dest.Path, BackupLayout.ObjectsFolder), victim.Sha256)));
    }

    [Fact]
    public void Create_ObjectOfTheWrongSize_IsCopiedAgainWithoutAVerify()
    {
        // Given: an object cut short (a stat tells)
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-backup");
        var first = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon) });
        var victim = Inventory.Read(Path.Combine(first.SnapshotPath, BackupLayout.InventoryFile)).First(e => e.Path.EndsWith(".parquet", StringComparison.Ordinal));
        using (var stream = new FileStream(BackupLayout.ObjectPath(Path.Combine(dest.Path, BackupLayout.ObjectsFolder), victim.Sha256), FileMode.Open))
        {
            stream.SetLength(victim.Size - 1);
        }

        // When
        var second = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon.AddHours(1)) });

        // Then
        Assert.True(SnapshotVerifier.Verify(second.SnapshotPath).IsClean);
    }

    [Fact]
    public void Create_DuringAnIngest_TakesOnlyCommittedFilesAndNoTempFiles()
    {
        // Given: a temp file being written, a file whose task is still running, a log file
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-backup");
        var entry = LakeSurgery.FirstDone(source.Path, LakeLayoutView.DailyDataset);
        var folder = Path.GetDirectoryName(LakeSurgery.Full(source.Path, entry))!;
        File.WriteAllBytes(Path.Combine(folder, ".part-abc.tmp"), new byte[100]);
        LakeSurgery.SetState(source.Path, entry, TaskState.Running, "in flight");

        // When
        var created = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon) });

        // Then
        var paths = Inventory.Read(Path.Combine(created.SnapshotPath, BackupLayout.InventoryFile)).Select(e => e.Path).ToList();
        Assert.DoesNotContain(paths, p => p.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.DoesNotContain(entry.FilePath, paths);
        Assert.Contains("_logs/run.log", paths);
        Assert.Contains(SnapshotCreator.LedgerPath, paths);
        Assert.Contains("reference/splits.csv", paths);
        Assert.Empty(created.Problems);
    }

    [Fact]
    public void Create_FileNotMatchingTheLedger_IsLeftOutAndReported()
    {
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-backup");
        var entry = LakeSurgery.FirstDone(source.Path, LakeLayoutView.MinuteDataset);
        LakeSurgery.FlipByte(LakeSurgery.Full(source.Path, entry), 1000);

        var created = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon) });

        var problem = Assert.Single(created.Problems);
        Assert.Equal(entry.FilePath, problem.Path);
        Assert.Contains("differs from the ledger", problem.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("left out", problem.Reason, StringComparison.Ordinal); // the CLI prints "left out: <path>: <reason>"
    }

    [Fact]
    public void Create_DoneFileMissingFromTheLake_IsReportedOnceAndNothingIsHashedTwice()
    {
        // Given: a file the ledger marks done, deleted (no merge: it stays gone)
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-backup");
        var entry = LakeSurgery.FirstDone(source.Path, LakeLayoutView.MinuteDataset);
        File.Delete(LakeSurgery.Full(source.Path, entry));

        // When
        var created = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon) });

        // Then: every file read once; the ledger once per pass (the second pass shows the file is gone, not merged away)
        var problem = Assert.Single(created.Problems);
        Assert.Equal(entry.FilePath, problem.Path);
        Assert.Equal("the ledger marks it done but it is missing from --source (run smallcaps verify)", problem.Reason);
        Assert.Equal(created.Files + 1, created.HashedFiles);
        Assert.True(SnapshotVerifier.Verify(created.SnapshotPath).IsClean);
    }

    [Fact]
    public void Restore_IntoNonEmptyFolder_Throws()
    {
        using var source = lake.Copy();
        using var dest = new TempDirectory("smallcaps-backup");
        var created = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon) });

        var ex = Assert.Throws<IOException>(() => SnapshotRestorer.Restore(created.SnapshotPath, source.Path));

        Assert.Contains("not empty", ex.Message, StringComparison.Ordinal);
    }
}
