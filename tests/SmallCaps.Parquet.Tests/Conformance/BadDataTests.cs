using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Conformance;

/// <summary>
/// Every file in parquet-testing/bad_data fails with <see cref="ParquetFormatException"/> naming the
/// file, within a second. DuckDB 1.5 returns values for three of them: ARROW-GH-45185 (repetition
/// levels starting at 1) and ARROW-RS-GH-6229-LEVELS (missing levels) we reject as corrupt rather
/// than guess; ARROW-GH-43605 (dictionary indices with bit width 0) is well defined (every index is
/// 0), so we read it and require DuckDB's exact values instead.
/// </summary>
public sealed class BadDataTests
{
    private const string ZeroWidthIndices = "ARROW-GH-43605.parquet";

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(RepoPaths.Fixtures, "parquet-testing", "bad_data"), "*.parquet").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(f) == ZeroWidthIndices)
            {
                continue;
            }

            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Fact]
    public void Files_BadDataFolder_IsNotEmpty()
    {
        Assert.True(Directory.GetFiles(Path.Combine(RepoPaths.Fixtures, "parquet-testing", "bad_data"), "*.parquet").Length >= 8);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ReadAll_BadFile_ThrowsFormatExceptionWithinASecond(string fileName)
    {
        // Given: the reader's code is already jitted, so the second measures the reader, not the JIT
        ReadAll(Path.Combine(RepoPaths.Fixtures, "parquet-testing", "alltypes_plain.parquet"), CancellationToken.None);
        var path = Path.Combine(RepoPaths.Fixtures, "parquet-testing", "bad_data", fileName);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        // When
        var ex = await Record.ExceptionAsync(() => Task.Run(() => ReadAll(path, cts.Token), cts.Token).WaitAsync(TimeSpan.FromSeconds(1)));

        // Then
        var format = Assert.IsType<ParquetFormatException>(ex);
        Assert.Contains(fileName, format.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadColumn_ZeroWidthDictionaryIndices_MatchesDuckDb()
    {
        // Given: DuckDB reads this file as 21186 rows of min_fl = 0 (SELECT min_fl, count(*) ... GROUP BY ALL)
        using var reader = ParquetFileReader.Open(Path.Combine(RepoPaths.Fixtures, "parquet-testing", "bad_data", ZeroWidthIndices));

        // When
        var data = reader.ReadColumn("min_fl");

        // Then
        Assert.Equal(21186, data.ValueCount);
        Assert.Null(data.Validity);
        Assert.All(data.Int32Values!, v => Assert.Equal(0, v));
    }

    internal static void ReadAll(string path, CancellationToken ct)
    {
        using var reader = ParquetFileReader.Open(path);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            for (var c = 0; c < reader.Columns.Count; c++)
            {
                reader.ReadColumn(g, c, ct);
            }
        }
    }
}
