using SmallCaps.Cli.Tests.Verify;
using SmallCaps.Core.Backup;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Backup;

public sealed class BackupProgressCliTests
{
    [Fact]
    public async Task Backup_LongRunsRedirected_ProgressLinesOnStderr_OutputAsBefore()
    {
        // Given
        using var lake = await VerifyCliLake.BuildAsync();
        using var dest = new TempDirectory("smallcaps-cli-backup");
        using var restored = new TempDirectory("smallcaps-cli-restore");

        // When: create, verify and restore, each over minutes of the verb's clock
        var created = await VerifyCliLake.RunLongAsync("backup", "create", "--source", lake.Path, "--dest", dest.Path);
        var snapshot = Assert.Single(BackupLayout.Snapshots(dest.Path));
        var verified = await VerifyCliLake.RunLongAsync("backup", "verify", "--snapshot", snapshot);
        var restore = await VerifyCliLake.RunLongAsync("backup", "restore", "--snapshot", snapshot, "--to", restored.Combine("lake"));

        // Then: stdout holds the verbs' own lines only; stderr their progress
        Assert.Equal((0, 0, 0), (created.Code, verified.Code, restore.Code));
        Assert.Equal(["snapshot", "", "ok"], Lines(created.Out).Select(l => l.Split(' ')[0] switch { "snapshot" => "snapshot", "ok" => "ok", _ => string.Empty }));
        Assert.Equal(["", "ok"], Lines(verified.Out).Select(l => l == "ok" ? "ok" : string.Empty));
        Assert.StartsWith("restored ", Lines(restore.Out)[0], StringComparison.Ordinal);
        Assert.Contains(Lines(created.Err), l => l.Contains("elapsed", StringComparison.Ordinal));
        Assert.All(Lines(created.Err), l => Assert.Matches(@"^(starting|copying the ledger|writing the snapshot|backed up \d+/\d+ files  [\d.]+/[\d.]+ MB  unchanged \d+  copied \d+ \([\d.]+ MB\))  elapsed ", l));
        Assert.All(Lines(verified.Err), l => Assert.Matches(@"^(starting|re-hashed \d+/\d+ files  .*)  elapsed ", l));
        Assert.NotEmpty(Lines(verified.Err));
        Assert.All(Lines(restore.Err), l => Assert.Matches(@"^(starting|restored|checked) ", l));
        Assert.NotEmpty(Lines(restore.Err));
    }

    [Fact]
    public async Task BackupCreate_ShortRun_PrintsNoProgress()
    {
        using var lake = await VerifyCliLake.BuildAsync();
        using var dest = new TempDirectory("smallcaps-cli-backup");

        var created = await VerifyCliLake.RunAsync(new FakeTimeProvider(TimeProvider.System.GetUtcNow()), "backup", "create", "--source", lake.Path, "--dest", dest.Path);

        Assert.Equal(0, created.Code);
        Assert.Empty(created.Err);
    }

    private static string[] Lines(string text) => text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
