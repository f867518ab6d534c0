using Microsoft.Data.Sqlite;
using SmallCaps.Core.Ingest;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Cli.Tests.Ingest;

/// <summary>The key never reaches the log, the ledger or an error line, however the user typed it.</summary>
public sealed class KeyLeakTests
{
    private const string Secret = "MYSECRETKEY123";

    [Theory]
    [InlineData("--api-key:" + Secret)]
    [InlineData("--api-key=" + Secret)]
    public async Task IngestDaily_KeyJoinedToTheOption_NotInLogNorLedger(string keyArgument)
    {
        // Given
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 7, ApiKey = Secret });
        using var dir = new TempDirectory();
        var outdir = dir.Combine("lake");
        var tickers = CliHarness.WriteTickers(dir.Path, CliHarness.CommonStocks(sim, 1));

        // When
        var result = await CliHarness.RunAsync(["ingest-daily", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2024-01-02", "--to", "2024-01-05", "--base-url", sim.BaseUrl.ToString(), keyArgument]);

        // Then: the run used the key, and nothing recorded it
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var log = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(outdir, "_logs"))));
        Assert.Contains("--api-key", log);
        Assert.DoesNotContain(Secret, log);
        Assert.DoesNotContain(Secret, result.Out + result.Error);
        var commandLine = Assert.Single(LedgerCommandLines(outdir));
        Assert.Contains("--api-key", commandLine);
        Assert.DoesNotContain(Secret, commandLine);
        Assert.All(Directory.GetFiles(outdir, "*", SearchOption.AllDirectories), f => Assert.DoesNotContain(Secret, System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(f))));
    }

    [Theory]
    [InlineData("--api_key", Secret)]
    [InlineData("--apikey=" + Secret)]
    [InlineData("--free-plan", Secret)]
    [InlineData("--max-workers", Secret)]
    public async Task IngestDaily_ParseErrorNextToTheKey_ErrorDoesNotEchoIt(params string[] typo)
    {
        // Given: the key in the environment too, as most users keep it
        var env = new Dictionary<string, string?> { ["MASSIVE_API_KEY"] = Secret };

        // When: in the foreground and through launch
        foreach (var verb in new[] { new[] { "ingest-daily" }, ["launch", "ingest-daily"] })
        {
            var result = await CliHarness.RunAsync([.. verb, "--tickers-csv", "t.csv", "--outdir", "lake", "--from", "2024-01-02", "--to", "2024-01-05", .. typo], env);

            // Then
            Assert.Equal(ExitCodes.BadInput, result.ExitCode);
            Assert.Contains("error:", result.Error);
            Assert.DoesNotContain(Secret, result.Error + result.Out);
        }
    }

    [Theory]
    [InlineData("http://user:SECRETPW@127.0.0.1:9/")]
    [InlineData("ftp://user:SECRETPW@127.0.0.1:9/")]
    public async Task IngestDaily_BaseUrlWithCredentials_ExitTwoWithoutEchoingThem(string baseUrl)
    {
        // Given
        using var dir = new TempDirectory();
        var tickers = CliHarness.WriteTickers(dir.Path, ["AAPL"]);
        var outdir = dir.Combine("lake");

        // When
        var result = await CliHarness.RunAsync(["ingest-daily", "--tickers-csv", tickers, "--outdir", outdir, "--from", "2024-01-02", "--to", "2024-01-05", "--api-key", "k", "--base-url", baseUrl]);

        // Then
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--base-url", line);
        Assert.DoesNotContain("SECRETPW", line);
        Assert.False(Directory.Exists(outdir));
    }

    private static List<string> LedgerCommandLines(string outdir)
    {
        SQLitePCL.Batteries_V2.Init();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(outdir, "_ledger", "ledger.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT command_line FROM runs";
        using var reader = cmd.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
