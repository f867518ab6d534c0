using System.Text.Json;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Writing;

/// <summary>Runs many SQL statements in one node/DuckDB start (tests/oracle/duckdb-batch.mjs).</summary>
internal static class DuckDbBatch
{
    /// <summary>Returns, per statement, its rows (arrays of JSON values); a failed statement throws with DuckDB's message.</summary>
    public static async Task<List<JsonElement[][]>> RunAsync(IReadOnlyList<string> queries, string workDirectory)
    {
        var file = Path.Combine(workDirectory, $"queries-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(queries));
        var stdout = await NodeOracle.RunScriptAsync("duckdb-batch.mjs", [file]);
        using var doc = JsonDocument.Parse(stdout);
        var results = new List<JsonElement[][]>();
        var i = 0;
        foreach (var result in doc.RootElement.EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"DuckDB failed on `{queries[i]}`: {error.GetString()}");
            }

            results.Add([.. result.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.Clone()).ToArray())]);
            i++;
        }

        return results;
    }
}
