using Microsoft.Data.Sqlite;
using SmallCaps.Core.Ledger;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ingest;

// A lake whose ledger a newer build wrote: every verb that reads it refuses with one line, exit 2, and writes nothing.
public sealed class LedgerVersionCliTests
{
    [Theory]
    [InlineData("ingest-daily")]
    [InlineData("verify")]
    [InlineData("backup")]
    public async Task Verb_LedgerOfANewerBuild_RefusedWithOneLineExit2AndNothingWritten(string verb)
    {
        // Given
        using var dir = new TempDirectory();
        var lake = Path.Combine(dir.Path, "lake");
        var database = Path.Combine(lake, SqliteLedger.FolderName, SqliteLedger.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('schema_version', '7');";
            cmd.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(database);
        var tickers = CliHarness.WriteTickers(dir.Path, ["AAA"]);
        var backup = Path.Combine(dir.Path, "bak");
        string[] args = verb switch
        {
            "ingest-daily" => ["ingest-daily", "--tickers-csv", tickers, "--outdir", lake, "--from", "2024-01-02", "--to", "2024-01-31", "--api-key", "k", "--base-url", "http://127.0.0.1:9"],
            "verify" => ["verify", "--outdir", lake],
            _ => ["backup", "create", "--outdir", lake, "--dest", backup],
        };

        // When
        var result = await CliHarness.RunAsync(args);

        // Then
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {Path.GetFullPath(lake)} was written by a newer smallcaps (ledger version 7; this build knows up to {LedgerSchema.CurrentVersion}): install the newer version", result.Error.Trim());
        Assert.Equal(before, File.ReadAllBytes(database));
        Assert.Equal([SqliteLedger.FolderName], Directory.GetFileSystemEntries(lake).Select(Path.GetFileName));
        Assert.Equal([SqliteLedger.FileName], Directory.GetFileSystemEntries(Path.GetDirectoryName(database)!).Select(Path.GetFileName));
        Assert.False(Directory.Exists(backup));
    }

    [Fact]
    public async Task IngestDaily_OlderLedgerAndAdjustedMismatch_RefusedExit2AndTheLedgerNotUpgraded()
    {
        // Given: adjusted daily bars in a lake whose ledger is as a build before ledger versions left it
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 48 });
        using var dir = new TempDirectory();
        var lake = dir.Combine("lake");
        string[] ingest = ["ingest-daily", "--tickers-csv", CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 2)), "--outdir", lake, "--from", "2024-01-02", "--to", "2024-01-31", "--api-key", sim.ApiKey, "--base-url", sim.BaseUrl.ToString()];
        Assert.Equal(0, (await CliHarness.RunAsync(ingest)).ExitCode);
        var database = Path.Combine(lake, SqliteLedger.FolderName, SqliteLedger.FileName);
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "DROP TABLE tail_rechecks; UPDATE meta SET value = '1' WHERE key = 'schema_version';";
            cmd.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(database);

        // When: raw bars asked of it
        var refused = await CliHarness.RunAsync([.. ingest, "--adjusted", "false"]);

        // Then: refused, and the ledger is byte for byte as it was (version 1: an older build can still use it)
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error: --adjusted false differs from the bars_1d bars already in this outdir", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(database));
    }
}
