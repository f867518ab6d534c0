using System.Text.Json;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Conformance;

/// <summary>
/// Every apache/parquet-testing fixture in scope reads to exactly what DuckDB reads. All top-level
/// fixtures are in scope (PLAIN, dictionaries, RLE booleans, DELTA_*, BYTE_STREAM_SPLIT, V1/V2
/// pages, SNAPPY/GZIP, INT96, FLOAT16, decimals, a LIST column); none is excluded.
/// </summary>
public sealed class FixtureConformanceTests(FixtureConformanceTests.DumpFixture dump) : IClassFixture<FixtureConformanceTests.DumpFixture>
{
    public static string FixtureDir => Path.Combine(RepoPaths.Fixtures, "parquet-testing");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(FixtureDir, "*.parquet").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Fact]
    public void Files_FixtureFolder_HoldsTheExpectedSet()
    {
        // Given / When
        var count = Directory.GetFiles(FixtureDir, "*.parquet").Length;

        // Then: a missing fixture folder must not pass as "nothing to compare"
        Assert.True(count >= 26, $"only {count} fixtures found in {FixtureDir}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ReadColumn_Fixture_MatchesDuckDb(string fileName)
    {
        // Given
        var path = Path.Combine(FixtureDir, fileName);
        var expected = (await dump.GetAsync()).For(path);
        Assert.False(expected.TryGetProperty("error", out var error), $"DuckDB could not read {fileName}: {error}");
        var duckColumns = expected.GetProperty("columns").EnumerateArray()
            .Select(c => (Name: c.GetProperty("name").GetString()!, Type: c.GetProperty("type").GetString()!, Readable: !c.TryGetProperty("error", out _)))
            .ToList();
        var duckRows = expected.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToList();

        // When
        using var reader = ParquetFileReader.Open(path);

        // Then
        Assert.Equal(duckRows.Count, reader.RowCount);
        for (var c = 0; c < duckColumns.Count; c++)
        {
            var (name, type, readable) = duckColumns[c];
            var source = c;
            if (!readable)
            {
                // DuckDB rejects BYTE_STREAM_SPLIT on INT32/INT64/FLBA; the file holds the same data PLAIN-encoded in a twin column.
                Assert.EndsWith("_byte_stream_split", name, StringComparison.Ordinal);
                source = duckColumns.FindIndex(d => d.Name == name.Replace("_byte_stream_split", "_plain", StringComparison.Ordinal));
                Assert.True(source >= 0 && duckColumns[source].Readable, $"{fileName}: no readable twin for {name}");
            }

            var ours = Canonical(reader, name, type);
            var theirs = duckRows.Select(r => ValueCanonicalizer.FromDuckDb(r[source], type)).ToList();
            Assert.Equal(theirs.Count, ours.Count);
            for (var i = 0; i < theirs.Count; i++)
            {
                if (theirs[i] != ours[i])
                {
                    Assert.Fail($"{fileName} column {name} ({type}) row {i}: DuckDB {theirs[i]}, ours {ours[i]}");
                }
            }
        }
    }

    private static List<string> Canonical(ParquetFileReader reader, string name, string duckType)
    {
        var leaves = reader.Columns.Where(c => c.PathSegments[0] == name).ToList();
        Assert.True(leaves.Count == 1, $"column {name} maps to {leaves.Count} leaves");
        var leaf = leaves[0];
        var data = reader.ReadColumn(leaf.Path);
        if (leaf.IsFlat)
        {
            return Enumerable.Range(0, data.ValueCount).Select(i => ValueCanonicalizer.FromOurs(data, i, duckType)).ToList();
        }

        return data.ToInt32Lists().Select(ValueCanonicalizer.List).ToList();
    }

    /// <summary>Runs DuckDB once over every fixture and shares the result between the theory's cases.</summary>
    public sealed class DumpFixture
    {
        private readonly Lazy<Task<DuckDbDump>> _dump = new(() => DuckDbDump.LoadAsync(Directory.GetFiles(FixtureDir, "*.parquet")));

        public Task<DuckDbDump> GetAsync() => _dump.Value;
    }
}
