using SmallCaps.Core.Backup;
using SmallCaps.Core.Tests.Universe;
using SmallCaps.Core.Verify;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Backup;

/// <summary>The reference lake select-universe writes is ledger-tracked but lives outside the bar folders: snapshots take it once.</summary>
public sealed class SnapshotReferenceLakeTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CreateRestoreCreate_LakeWithReferenceData_ListsEachFileOnceRestoresAndStaysIncremental()
    {
        // Given: an outdir holding only what select-universe --outdir --corporate-actions writes
        using var source = new TempDirectory("smallcaps-backup-ref");
        using var dest = new TempDirectory("smallcaps-backup");
        using var restored = new TempDirectory("smallcaps-restore");
        await using (var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 200, Seed = 37 }, CancellationToken.None))
        {
            await SimUniverse.RunAsync(sim, ReferenceLedgerTests.CorporateActions(source, sim.Truth.AsOf, chunkSize: 50));
        }

        // When
        var first = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon) });
        var restore = SnapshotRestorer.Restore(first.SnapshotPath, restored.Combine("lake"));
        var second = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path, Clock = new FakeTimeProvider(Noon.AddHours(1)) });

        // Then: every file once, the restore complete and clean, and the next snapshot reads nothing again
        var lines = File.ReadAllLines(Path.Combine(first.SnapshotPath, BackupLayout.InventoryFile)).Skip(1).Select(l => l.Split('\t')[0]).ToList();
        Assert.Equal(lines.Count, lines.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(lines, l => l.StartsWith("reference/ticker_events/", StringComparison.Ordinal));
        var onDisk = Directory.EnumerateFiles(source.Path, "*", SearchOption.AllDirectories)
            .Select(f => LakeLayoutView.Relative(source.Path, f)).Where(f => !f.StartsWith("_ledger/", StringComparison.Ordinal)).Append(SnapshotCreator.LedgerPath);
        Assert.Equal(onDisk.Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
        Assert.Empty(first.Problems);
        Assert.True(restore.IsClean, string.Join("\n", restore.Problems.Select(p => $"{p.Path}: {p.Reason}")));
        Assert.Equal(first.Files, Directory.EnumerateFiles(restored.Combine("lake"), "*", SearchOption.AllDirectories).Count());
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = restored.Combine("lake"), MaxParallelism = 2 });
        Assert.True(report.IsClean, string.Join("\n", report.Findings.Select(f => f.Detail)));
        Assert.Empty(second.Problems);
        Assert.Equal(first.Files, second.Files);
        Assert.Equal(0, second.CopiedFiles);
    }

    [Fact]
    public void Read_InventoryListingAFileTwiceIdentically_ReadsItOnce()
    {
        // Given: an inventory as earlier builds wrote it for reference files (the same line twice)
        using var dir = new TempDirectory("smallcaps-inventory");
        var entry = new InventoryEntry("reference/details/snapshot_date=2026-11-21/part-00000.parquet", 12521, new DateTime(2026, 11, 21, 19, 18, 53, DateTimeKind.Utc), new string('a', 64));
        var path = dir.Combine("inventory.tsv");
        Inventory.Write(path, [entry, entry]);

        // When
        var read = Inventory.Read(path);

        // Then
        Assert.Equal([entry], read);
    }

    [Fact]
    public void Read_InventoryListingAFileTwiceWithDifferentContents_ThrowsNamingTheLine()
    {
        // Given
        using var dir = new TempDirectory("smallcaps-inventory");
        var entry = new InventoryEntry("reference/details/snapshot_date=2026-11-21/part-00000.parquet", 12521, new DateTime(2026, 11, 21, 19, 18, 53, DateTimeKind.Utc), new string('a', 64));
        var path = dir.Combine("inventory.tsv");
        Inventory.Write(path, [entry, entry with { Sha256 = new string('b', 64) }]);

        // When
        var ex = Assert.Throws<InvalidDataException>(() => Inventory.Read(path));

        // Then
        Assert.Contains("inventory.tsv:3:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("listed twice with different contents", ex.Message, StringComparison.Ordinal);
    }
}
