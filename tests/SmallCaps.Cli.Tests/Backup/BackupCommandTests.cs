using System.Globalization;
using SmallCaps.Cli.Tests.Verify;
using SmallCaps.Core.Backup;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Backup;

public sealed class BackupCommandTests
{
    [Fact]
    public async Task Backup_CreateVerifyCorruptRestore_ExitCodesFollowTheContent()
    {
        // Given
        using var lake = await VerifyCliLake.BuildAsync();
        using var dest = new TempDirectory("smallcaps-cli-backup");
        using var restored = new TempDirectory("smallcaps-cli-restore");

        // When / Then: create
        var created = await VerifyCliLake.RunAsync("backup", "create", "--source", lake.Path, "--dest", dest.Path, "--label", "nightly");
        Assert.Equal(0, created.Code);
        var snapshot = Assert.Single(BackupLayout.Snapshots(dest.Path));
        Assert.EndsWith("-nightly", snapshot, StringComparison.Ordinal);
        Assert.Contains("incremental against nothing", created.Out, StringComparison.Ordinal);

        var verified = await VerifyCliLake.RunAsync("backup", "verify", "--snapshot", snapshot);
        Assert.Equal(0, verified.Code);

        var restore = await VerifyCliLake.RunAsync("backup", "restore", "--snapshot", snapshot, "--to", restored.Combine("lake"));
        Assert.Equal(0, restore.Code);
        var verifyRestored = await VerifyCliLake.RunAsync("verify", "--outdir", restored.Combine("lake"));
        Assert.Equal(0, verifyRestored.Code);

        // A corrupted object is caught by backup verify, naming the file.
        var entry = Inventory.Read(Path.Combine(snapshot, BackupLayout.InventoryFile)).First(e => e.Path.EndsWith(".parquet", StringComparison.Ordinal));
        var obj = BackupLayout.ObjectPath(Path.Combine(dest.Path, BackupLayout.ObjectsFolder), entry.Sha256);
        var bytes = await File.ReadAllBytesAsync(obj);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(obj, bytes);
        var corrupt = await VerifyCliLake.RunAsync("backup", "verify", "--snapshot", snapshot);
        Assert.Equal(1, corrupt.Code);
        Assert.Contains(entry.Path, corrupt.Out, StringComparison.Ordinal);
        Assert.Contains("corrupt", corrupt.Out, StringComparison.Ordinal);
        Assert.Contains("moved aside", corrupt.Out, StringComparison.Ordinal);

        // Restoring the damaged snapshot counts only what it restored.
        var entries = Inventory.Read(Path.Combine(snapshot, BackupLayout.InventoryFile));
        var partial = await VerifyCliLake.RunAsync("backup", "restore", "--snapshot", snapshot, "--to", restored.Combine("partial"));
        Assert.Equal(1, partial.Code);
        Assert.Contains(
            string.Create(CultureInfo.InvariantCulture, $"restored {entries.Count - 1} of {entries.Count} files ({entries.Sum(e => e.Size) - entry.Size:N0} bytes)"),
            partial.Out,
            StringComparison.Ordinal);

        // The next create copies it again from the lake: the new snapshot verifies clean.
        var repaired = await VerifyCliLake.RunAsync("backup", "create", "--source", lake.Path, "--dest", dest.Path, "--label", "repair");
        Assert.Equal(0, repaired.Code);
        var repairedSnapshot = BackupLayout.Snapshots(dest.Path)[^1];
        Assert.EndsWith("-repair", repairedSnapshot, StringComparison.Ordinal);
        Assert.Equal(0, (await VerifyCliLake.RunAsync("backup", "verify", "--snapshot", repairedSnapshot)).Code);
    }

    [Fact]
    public async Task BackupRestore_NonEmptyTarget_ExitsTwo()
    {
        using var dest = new TempDirectory("smallcaps-cli-backup");
        using var target = new TempDirectory("smallcaps-cli-target");
        await File.WriteAllTextAsync(target.Combine("x.txt"), "x");

        var result = await VerifyCliLake.RunAsync("backup", "restore", "--snapshot", dest.Path, "--to", target.Path);

        Assert.Equal(2, result.Code);
        Assert.StartsWith("error:", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guard_DestinationFull_SaysSoAndExitsOneNotTwo()
    {
        // Given: what a copy into a full destination throws (the code a full disk gives on this platform)
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new SmallCaps.Cli.Commands.CliContext(new SmallCaps.Cli.Ingest.CliConsole(stdout, stderr, false), TimeProvider.System, null, "smallcaps backup create");
        var full = new IOException("No space left on device : '/backups/objects/.tmp-1'", OperatingSystem.IsWindows() ? unchecked((int)0x80070070) : 28);

        // When
        var code = await SmallCaps.Cli.Commands.BackupCommandFactory.Guard(context, () => Task.FromException<int>(full));

        // Then: a full disk is not bad input (2); the same command continues once there is room
        Assert.Equal(SmallCaps.Core.Ingest.ExitCodes.SomeFailed, code);
        Assert.StartsWith("error: no space left on the disk (No space left on device", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_PruneKeepOne_LeavesTheNewestAndKeepZeroIsBadInput()
    {
        // Given: two snapshots of the same lake
        using var lake = await VerifyCliLake.BuildAsync();
        using var dest = new TempDirectory("smallcaps-cli-prune");
        Assert.Equal(0, (await VerifyCliLake.RunAsync("backup", "create", "--outdir", lake.Path, "--dest", dest.Path, "--label", "a")).Code);
        Assert.Equal(0, (await VerifyCliLake.RunAsync("backup", "create", "--outdir", lake.Path, "--dest", dest.Path, "--label", "b")).Code);

        // When
        var zero = await VerifyCliLake.RunAsync("backup", "prune", "--dest", dest.Path, "--keep", "0");
        var one = await VerifyCliLake.RunAsync("backup", "prune", "--dest", dest.Path, "--keep", "1");

        // Then
        Assert.Equal(2, zero.Code);
        Assert.Equal("error: --keep must be at least 1 (got 0)", zero.Err.Trim());
        Assert.Equal(0, one.Code);
        Assert.StartsWith("removed 1 snapshots and 0 objects", one.Out, StringComparison.Ordinal);
        var kept = Assert.Single(BackupLayout.Snapshots(dest.Path));
        Assert.EndsWith("-b", kept, StringComparison.Ordinal);
    }
    [Fact]
    public async Task BackupPrune_OrderCannotBeTold_OneErrorLineExitTwoAndNothingRemoved()
    {
        // Given: a snapshot, and a copy of it as an older build leaves it (no snapshot.tsv) in the same second, its inventory rewritten later
        using var lake = await VerifyCliLake.BuildAsync();
        using var dest = new TempDirectory("smallcaps-cli-prune-order");
        Assert.Equal(0, (await VerifyCliLake.RunAsync("backup", "create", "--outdir", lake.Path, "--dest", dest.Path)).Code);
        var made = Assert.Single(BackupLayout.Snapshots(dest.Path));
        var older = made + "-old";
        Directory.CreateDirectory(older);
        foreach (var file in Directory.GetFiles(made).Where(f => Path.GetFileName(f) != BackupLayout.SequenceFile))
        {
            File.Copy(file, Path.Combine(older, Path.GetFileName(file)));
        }

        File.SetLastWriteTimeUtc(Path.Combine(older, BackupLayout.InventoryFile), DateTime.UtcNow.AddDays(1));

        // When
        var prune = await VerifyCliLake.RunAsync("backup", "prune", "--dest", dest.Path, "--keep", "1");

        // Then
        Assert.Equal(2, prune.Code);
        var line = Assert.Single(prune.Err.Trim().Split('\n'));
        Assert.StartsWith($"error: --dest {dest.Path}: cannot tell whether snapshot {Path.GetFileName(older)}", line, StringComparison.Ordinal);
        Assert.Equal(2, BackupLayout.Snapshots(dest.Path).Count);
    }
}
