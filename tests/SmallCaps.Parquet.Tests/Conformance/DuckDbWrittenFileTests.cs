using System.Text.Json;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Conformance;

/// <summary>
/// Files written by a foreign writer (DuckDB: every codec incl. ZSTD and BROTLI, several row groups,
/// nulls, dictionaries with over-long trailing runs, lists, and a V2 file with DELTA_* and
/// BYTE_STREAM_SPLIT) read back exactly as DuckDB reads them.
/// </summary>
public sealed class DuckDbWrittenFileTests
{
    [Fact]
    public async Task ReadColumn_DuckDbWrittenFiles_MatchDuckDb()
    {
        // Given
        using var dir = new TempDirectory("smallcaps-duckdb-written");
        var json = await NodeOracle.RunScriptAsync("duckdb-write-samples.mjs", [dir.Path]);
        var files = JsonSerializer.Deserialize<string[]>(json)!;
        Assert.Contains(files, f => f.EndsWith("zstd.parquet", StringComparison.Ordinal));
        var dump = await DuckDbDump.LoadAsync(files);

        // When / Then
        foreach (var file in files)
        {
            DuckDbComparison.AssertMatches(file, dump.For(file));
        }
    }
}
