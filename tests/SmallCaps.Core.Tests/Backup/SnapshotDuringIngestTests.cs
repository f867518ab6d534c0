using NodaTime;
using SmallCaps.Core.Backup;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Tests.Ingest;
using SmallCaps.Core.Verify;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Backup;

public sealed class SnapshotDuringIngestTests
{
    [Fact]
    public async Task Create_WhileIngestRuns_RestoresToAConsistentLake()
    {
        // Given: a minute ingest in progress
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 41 });
        using var source = new TempDirectory("smallcaps-live");
        using var dest = new TempDirectory("smallcaps-live-backup");
        using var restored = new TempDirectory("smallcaps-live-restore");
        var tickers = SimIngest.CommonStocks(sim, 8);
        var ingest = Task.Run(() => SimIngest.RunAsync(sim, source.Path, BarDataset.Minute, tickers, new LocalDate(2022, 1, 1), new LocalDate(2023, 6, 30), maxWorkers: 2));
        var ledger = LedgerView.DatabasePath(source.Path);
        while (!ingest.IsCompleted && !(File.Exists(ledger) && SafeDoneCount(ledger) >= 2))
        {
            await Task.Delay(20);
        }

        // When: a snapshot taken mid-run, then restored
        var created = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path });
        await ingest;
        var restore = SnapshotRestorer.Restore(created.SnapshotPath, restored.Combine("lake"));

        // Then: every committed file is there with its recorded hash; only unfinished tasks remain to fetch
        Assert.Empty(created.Problems);
        Assert.True(restore.IsClean);
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = restored.Combine("lake") });
        Assert.All(report.Findings, f => Assert.Equal(FindingKind.UnfinishedTask, f.Kind));
        Assert.DoesNotContain(Inventory.Read(Path.Combine(created.SnapshotPath, BackupLayout.InventoryFile)), e => e.Path.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_MergeDeletesListedFilesMidPass_TakesThePassAgainWithoutProblems()
    {
        // Given: two daily windows per ticker not merged yet, and a merge that lands just after the snapshot copied the ledger
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 41 });
        using var source = new TempDirectory("smallcaps-merge");
        using var dest = new TempDirectory("smallcaps-merge-backup");
        using var restored = new TempDirectory("smallcaps-merge-restore");
        var tickers = SimIngest.CommonStocks(sim, 3);
        var from = new LocalDate(2022, 1, 1);
        var end = new LocalDate(2022, 7, 8);
        await SimIngest.RunAsync(sim, source.Path, BarDataset.Daily, tickers, from, new LocalDate(2022, 6, 30), merge: false);
        await SimIngest.RunAsync(sim, source.Path, BarDataset.Daily, tickers, from, end, merge: false);
        var passes = 0;
        void MergeOnFirstPass()
        {
            if (passes++ == 0)
            {
                SimIngest.RunAsync(sim, source.Path, BarDataset.Daily, tickers, from, end).GetAwaiter().GetResult();
            }
        }

        // When
        var created = SnapshotCreator.Create(new BackupCreateOptions { Source = source.Path, Destination = dest.Path }, MergeOnFirstPass, default);
        var restore = SnapshotRestorer.Restore(created.SnapshotPath, restored.Combine("lake"));

        // Then: the first pass saw files vanish, the second took the merged lake whole
        Assert.Equal(2, passes);
        Assert.Empty(created.Problems);
        Assert.True(restore.IsClean);
        Assert.Empty(LakeVerifier.Run(new VerifyOptions { Outdir = restored.Combine("lake") }).Findings);
        foreach (var t in tickers)
        {
            SimIngest.AssertEqualsTruth(sim, restored.Combine("lake"), BarDataset.Daily, t, from, end);
        }
    }

    private static int SafeDoneCount(string ledger)
    {
        try
        {
            return LedgerView.ReadTasks(ledger).Count(e => e.IsDone);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0;
        }
    }
}
