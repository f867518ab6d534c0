using System.Globalization;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Reading;

public sealed class ParquetFileReaderTests
{
    [Fact]
    public void Open_AllTypesTinyPages_DescribesColumnsAndMetadata()
    {
        // Given / When
        using var reader = ParquetFileReader.Open(FixturePaths.Of("alltypes_tiny_pages.parquet"));

        // Then
        Assert.Equal(13, reader.Columns.Count);
        Assert.Equal(7300, reader.RowCount);
        Assert.StartsWith("parquet-mr version 1.12.0-SNAPSHOT", reader.CreatedBy, StringComparison.Ordinal);
        Assert.Equal("2.1.1-cdh6.x-SNAPSHOT", reader.KeyValueMetadata["writer.model.name"]);
        var tiny = reader.Columns[reader.IndexOf("tinyint_col")];
        Assert.Equal(ParquetPhysicalType.Int32, tiny.PhysicalType);
        Assert.Equal("INT(8,SIGNED)", tiny.LogicalType);
        Assert.Equal("INT_8", tiny.ConvertedType);
        Assert.Null(tiny.Spec);
        Assert.Equal(new ColumnSpec("id", ColumnType.Int32, Nullable: true), reader.Columns[0].Spec);
        Assert.Equal(ColumnType.String, reader.Columns[reader.IndexOf("string_col")].Spec!.Type);
        Assert.Null(reader.Columns[reader.IndexOf("timestamp_col")].Spec);
        Assert.Equal(1, reader.Columns[0].MaxDefinitionLevel);
        Assert.Equal(0, reader.Columns[0].MaxRepetitionLevel);
    }

    [Fact]
    public void Open_ListColumn_ReportsLevelsAndListSpec()
    {
        // Given / When
        using var reader = ParquetFileReader.Open(FixturePaths.Of("datapage_v2.snappy.parquet"));
        var e = reader.Columns[reader.IndexOf("e.list.element")];

        // Then
        Assert.Equal("element", e.Name);
        Assert.Equal(2, e.MaxDefinitionLevel);
        Assert.Equal(1, e.MaxRepetitionLevel);
        Assert.False(e.IsFlat);
        Assert.Equal(new ColumnSpec("e", ColumnType.Int32List, Nullable: true, Dictionary: true), e.Spec);
        Assert.Equal(reader.IndexOf("e.list.element"), reader.IndexOf("e"));
        Assert.Equal(-1, reader.IndexOf("missing"));
    }

    [Fact]
    public void ToInt32Lists_ListColumn_RebuildsRowsLikeDuckDb()
    {
        // Given: DuckDB reads [1,2,3], NULL, NULL, [1,2,3], [1,2]
        using var reader = ParquetFileReader.Open(FixturePaths.Of("datapage_v2.snappy.parquet"));

        // When
        var rows = reader.ReadColumn("e").ToInt32Lists();

        // Then
        Assert.Equal(5, rows.Length);
        Assert.Equal(new[] { 1, 2, 3 }, rows[0]);
        Assert.Null(rows[1]);
        Assert.Null(rows[2]);
        Assert.Equal(new[] { 1, 2, 3 }, rows[3]);
        Assert.Equal(new[] { 1, 2 }, rows[4]);
    }

    [Fact]
    public void ReadColumn_ByName_ConcatenatesRowGroupsWithNulls()
    {
        // Given: two row groups of (NULL, 2, 1) and strings a, b, c
        using var reader = ParquetFileReader.Open(FixturePaths.Of("sort_columns.parquet"));

        // When
        var a = reader.ReadColumn("a");
        var b = reader.ReadColumn("b");

        // Then
        Assert.Equal(2, reader.RowGroupCount);
        Assert.Equal(6, a.ValueCount);
        Assert.Equal(new[] { false, true, true, false, true, true }, a.Validity);
        Assert.Equal(new[] { 0L, 2, 1, 0, 2, 1 }, a.Int64Values);
        Assert.Equal(["a", "b", "c", "a", "b", "c"], Enumerable.Range(0, 6).Select(b.GetString));
    }

    [Fact]
    public void RowGroups_Statistics_AreDecodedToTypedBounds()
    {
        // Given / When
        using var reader = ParquetFileReader.Open(FixturePaths.Of("sort_columns.parquet"));
        var a = reader.RowGroups[0].Columns[0];
        var b = reader.RowGroups[0].Columns[1];

        // Then (DuckDB parquet_metadata: a in [1,2] with 1 null; b in [a,c])
        Assert.Equal("SNAPPY", a.Codec);
        Assert.Equal(1L, a.Statistics!.Min);
        Assert.Equal(2L, a.Statistics.Max);
        Assert.Equal(1L, a.Statistics.NullCount);
        Assert.Equal("a", b.Statistics!.Min);
        Assert.Equal("c", b.Statistics.Max);
        Assert.Contains("RLE_DICTIONARY", b.Encodings);
        Assert.True(b.UsesDictionary);
        Assert.Equal(3, reader.RowGroups[1].RowCount);
    }

    [Fact]
    public void RowGroups_NanInStats_KeepsMinAndNoMax()
    {
        // Given / When: DuckDB shows min 1.0 and no max for this file
        using var reader = ParquetFileReader.Open(FixturePaths.Of("nan_in_stats.parquet"));
        var stats = reader.RowGroups[0].Columns[0].Statistics!;

        // Then: the stored NaN maximum is kept raw but not offered as a bound
        Assert.Equal(1.0, stats.Min);
        Assert.Null(stats.Max);
        Assert.NotNull(stats.RawMax);
    }

    [Fact]
    public void ReadColumn_DeltaBinaryPacked_MatchesExpectedCsv()
    {
        // Given
        var csv = File.ReadAllLines(FixturePaths.Of("delta_binary_packed_expect.csv"));
        var names = csv[0].Split(',');
        var rows = csv.Skip(1).Select(l => l.Split(',')).ToList();
        using var reader = ParquetFileReader.Open(FixturePaths.Of("delta_binary_packed.parquet"));

        // When / Then
        Assert.Equal(rows.Count, reader.RowCount);
        for (var c = 0; c < names.Length; c++)
        {
            var data = reader.ReadColumn(names[c]);
            var actual = data.Int64Values?.Select(v => v.ToString(CultureInfo.InvariantCulture)) ?? data.Int32Values!.Select(v => v.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(rows.Select(r => r[c]), actual);
        }
    }

    [Fact]
    public void ReadColumn_CorruptChecksum_IsNotVerified()
    {
        // Given: CRCs are ignored (DuckDB's default): the damaged page decodes like DuckDB reads it
        using var reader = ParquetFileReader.Open(FixturePaths.Of("datapage_v1-corrupt-checksum.parquet"));

        // When
        var data = reader.ReadColumn(0, 0);

        // Then
        Assert.Equal(reader.RowGroups[0].RowCount, data.ValueCount);
    }

    [Fact]
    public void Open_Stream_ReadsLikeThePath()
    {
        // Given
        var path = FixturePaths.Of("alltypes_plain.snappy.parquet");
        using var stream = new MemoryStream(File.ReadAllBytes(path));

        // When
        using var fromStream = ParquetFileReader.Open(stream, "memory");
        using var fromPath = ParquetFileReader.Open(path);

        // Then
        Assert.Equal(fromPath.ReadColumn("double_col").DoubleValues, fromStream.ReadColumn("double_col").DoubleValues);
        Assert.Equal("memory", fromStream.DisplayName);
    }

    [Fact]
    public async Task ReadColumn_ConcurrentCallsOnOnePathReader_MatchSequentialReads()
    {
        // Given
        using var reader = ParquetFileReader.Open(FixturePaths.Of("alltypes_tiny_pages_plain.parquet"));
        var sequential = Enumerable.Range(0, reader.Columns.Count).Select(c => reader.ReadColumn(0, c)).ToList();

        // When
        var concurrent = await Task.WhenAll(Enumerable.Range(0, reader.Columns.Count * 4).Select(i => Task.Run(() => reader.ReadColumn(0, i % reader.Columns.Count))));

        // Then
        for (var i = 0; i < concurrent.Length; i++)
        {
            var expected = sequential[i % reader.Columns.Count];
            Assert.Equal(expected.Validity, concurrent[i].Validity);
            Assert.Equal(expected.Int32Values, concurrent[i].Int32Values);
            Assert.Equal(expected.DoubleValues, concurrent[i].DoubleValues);
            Assert.Equal(expected.BinaryValues, concurrent[i].BinaryValues);
        }
    }

    [Fact]
    public void ReadColumn_CancelledToken_Throws()
    {
        // Given
        using var reader = ParquetFileReader.Open(FixturePaths.Of("alltypes_plain.parquet"));
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        // When / Then
        Assert.ThrowsAny<OperationCanceledException>(() => reader.ReadColumn(0, 0, cts.Token));
    }

    [Fact]
    public void ReadColumn_IndexOutOfRange_ThrowsArgumentException()
    {
        using var reader = ParquetFileReader.Open(FixturePaths.Of("alltypes_plain.parquet"));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadColumn(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadColumn(0, 11));
        Assert.Throws<ArgumentException>(() => reader.ReadColumn("nope"));
    }
}
