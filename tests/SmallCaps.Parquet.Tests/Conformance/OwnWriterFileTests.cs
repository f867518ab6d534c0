using SmallCaps.Parquet.Tests.Reading;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Conformance;

/// <summary>Our reader and DuckDB agree on a file from our writer (both ends of our engine against a foreign reader).</summary>
public sealed class OwnWriterFileTests
{
    [Fact]
    public async Task ReadColumn_OwnWriterFile_MatchesDuckDb()
    {
        // Given 8,000 rows over several row groups, every column kind, nulls and lists
        using var dir = new TempDirectory("smallcaps-own-written");
        var path = dir.Combine("sample.parquet");
        await WriterRoundTripTests.WriteSampleAsync(path, 8_000, seed: 17, new ParquetWriterOptions { RowGroupRows = 3_000, PageRows = 1_000 });
        var dump = await DuckDbDump.LoadAsync([path]);

        // When / Then
        DuckDbComparison.AssertMatches(path, dump.For(path));
    }
}
