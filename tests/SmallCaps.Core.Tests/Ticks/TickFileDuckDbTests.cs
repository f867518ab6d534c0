using System.Text.Json;
using NodaTime;
using SmallCaps.Core.Ingest;
using SmallCaps.Core.Ticks;
using SmallCaps.Simulator;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Ticks;

/// <summary>A foreign reader (DuckDB) sees the tick lake with the README's line: ns timestamps exact, lists as lists, the files' own ticker and session.</summary>
public sealed class TickFileDuckDbTests
{
    [Fact]
    public async Task TradesLake_ReadByDuckDbReadmeLine_EqualsTruth()
    {
        // Given two sessions of trades of one name
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { UniverseSize = 300, Seed = 17 });
        using var dir = new TempDirectory();
        var day = new LocalDate(2024, 3, 15);
        var ticker = SimTicks.ActiveCommonStocks(sim, day, 1)[0];
        var windows = new[] { SimTicks.Window(ticker, day, 9, 30, 10, 0), SimTicks.Window(ticker, day.PlusDays(3), 15, 30, 16, 0) };
        var outcome = await SimTicks.RunAsync(sim, dir.Path, TickDataset.Trades, windows);
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var truth = windows.SelectMany(w => sim.Truth.Trades(ticker, w.StartNs, w.EndNs - 1)).ToList();
        var glob = Path.Combine(dir.Path, "trades", "*", "*", "*.parquet").Replace("'", "''", StringComparison.Ordinal);

        // When
        var json = await NodeOracle.RunScriptAsync("duckdb-query.mjs", [
            $"SELECT ticker, CAST(session_date AS VARCHAR) AS session, epoch_ns(make_timestamp_ns(sip_timestamp)) AS sip, participant_timestamp AS participant, " +
            $"trf_timestamp AS trf, typeof(sip_timestamp) AS ty, price, conditions, id FROM read_parquet('{glob}', hive_partitioning=false) ORDER BY sip"]);

        // Then
        using var doc = JsonDocument.Parse(json);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(truth.Count, rows.Count);
        Assert.Equal("BIGINT", rows[0].GetProperty("ty").GetString());
        for (var i = 0; i < truth.Count; i++)
        {
            var r = rows[i];
            Assert.Equal(ticker, r.GetProperty("ticker").GetString());
            Assert.Equal(truth[i].SipTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), r.GetProperty("sip").GetString());
            Assert.Equal(truth[i].ParticipantTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), r.GetProperty("participant").GetString());
            Assert.Equal(truth[i].TrfTimestamp?.ToString(System.Globalization.CultureInfo.InvariantCulture), r.GetProperty("trf").ValueKind == JsonValueKind.Null ? null : r.GetProperty("trf").GetString());
            Assert.Equal(truth[i].Price, r.GetProperty("price").GetDouble());
            Assert.Equal(truth[i].Id, r.GetProperty("id").GetString());
            var conditions = r.GetProperty("conditions");
            Assert.Equal(truth[i].Conditions?.ToList(), conditions.ValueKind == JsonValueKind.Null ? null : conditions.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? int.Parse(c.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : c.GetInt32()).ToList());
        }

        Assert.Contains(rows, r => r.GetProperty("session").GetString() == "2024-03-18");
    }
}
