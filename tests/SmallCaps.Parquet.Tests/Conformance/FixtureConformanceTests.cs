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

        // When / Then
        DuckDbComparison.AssertMatches(path, expected);
    }

    /// <summary>Runs DuckDB once over every fixture and shares the result between the theory's cases.</summary>
    public sealed class DumpFixture
    {
        private readonly Lazy<Task<DuckDbDump>> _dump = new(() => DuckDbDump.LoadAsync(Directory.GetFiles(FixtureDir, "*.parquet")));

        public Task<DuckDbDump> GetAsync() => _dump.Value;
    }
}
