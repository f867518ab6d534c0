namespace SmallCaps.Parquet.Tests.Writing;

/// <summary>Numeric dictionary columns: fallback to PLAIN past the limit, and statistics that ignore how pages were encoded.</summary>
public sealed class FixedWidthDictionaryTests
{
    [Fact]
    public async Task WriteAsync_DictionaryOutgrowsLimit_RestOfChunkPlainAndValuesRoundTrip()
    {
        // Given a first page of 20 repeating prices, then ever new prices that push the dictionary past 1 KiB (128 doubles)
        var schema = new ParquetSchema([new ColumnSpec("price", ColumnType.Double, Nullable: true, Dictionary: true)]);
        var options = new ParquetWriterOptions { RowGroupRows = 10_000, PageRows = 100, DictionaryPageLimitBytes = 1024 };
        var values = Enumerable.Range(0, 1_000).Select(i => i < 100 ? 5 + (i % 20 / 100.0) : i % 13 == 0 ? (double?)null : 1000 + i).ToArray();

        // When
        using var reader = await WriteAndOpenAsync(schema, options, values);

        // Then
        var chunk = reader.RowGroups[0].Columns[0];
        Assert.True(chunk.UsesDictionary);
        Assert.Contains("RLE_DICTIONARY", chunk.Encodings);
        Assert.Contains("PLAIN", chunk.Encodings);
        var column = reader.ReadColumn("price");
        Assert.Equal(values, Enumerable.Range(0, column.ValueCount).Select(i => column.IsNull(i) ? (double?)null : column.DoubleValues![i]));
        Assert.Equal(5.0, chunk.Statistics!.Min);
        Assert.Equal(1999.0, chunk.Statistics.Max);
        Assert.Equal(values.Count(v => v is null), chunk.Statistics.NullCount);
        Assert.Equal(0, chunk.Statistics.NanCount);
    }

    [Fact]
    public async Task WriteAsync_NaNAndSignedZerosInDictionaryColumn_StatisticsExcludeNaNAndNormaliseZeros()
    {
        // Given runs of equal values, NaNs at vector boundaries, -0.0 and +0.0 as the only zeros around negative and positive values
        var schema = new ParquetSchema([new ColumnSpec("x", ColumnType.Double, Dictionary: true)]);
        var values = new double?[64];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (i % 8) switch { 3 => double.NaN, 4 => -0.0, 5 => 0.0, _ => i < 32 ? 2.5 : 7.25 };
        }

        // When
        using var reader = await WriteAndOpenAsync(schema, new ParquetWriterOptions(), values);

        // Then
        var stats = reader.RowGroups[0].Columns[0].Statistics!;
        Assert.Equal(8, stats.NanCount);
        Assert.Equal(-0.0, (double)stats.Min!);
        Assert.True(double.IsNegative((double)stats.Min!));
        Assert.Equal(7.25, stats.Max);
        var column = reader.ReadColumn("x");
        Assert.Equal(values.Select(v => BitConverter.DoubleToInt64Bits(v!.Value)), column.DoubleValues!.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public async Task WriteAsync_BoundsAndNaNsOnlyInLaterPagesOfDictionaryChunk_StatisticsCountEveryPage()
    {
        // Given small pages (bounds come from the entries each page adds): the extremes first appear on page 3, NaN enters
        // the dictionary on page 2 and comes back on later pages without adding an entry; a second row group starts afresh
        var schema = new ParquetSchema([new ColumnSpec("x", ColumnType.Double, Dictionary: true), new ColumnSpec("n", ColumnType.Int64, Dictionary: true)]);
        var options = new ParquetWriterOptions { RowGroupRows = 60, PageRows = 10 };
        var x = Enumerable.Range(0, 100).Select(i => (double?)(i switch
        {
            < 10 => 3.0 + (i % 2),
            15 or 35 or 45 or 75 => double.NaN,
            25 => -7.5,
            27 => 99.0,
            _ => 3.0 + (i % 2),
        })).ToArray();
        var n = Enumerable.Range(0, 100).Select(i => i == 33 ? -40L : i == 38 ? 400L : i % 3).ToArray();
        var batch = new ColumnBatch(schema);
        for (var i = 0; i < x.Length; i++)
        {
            batch.DoubleColumn(0).Append(x[i]!.Value);
            batch.Int64Column(1).Append(n[i]);
        }

        // When
        var stream = new MemoryStream();
        await using (var writer = ParquetFileWriter.Create(stream, schema, options))
        {
            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        stream.Position = 0;
        using var reader = ParquetFileReader.Open(stream, "test.parquet");

        // Then
        var first = reader.RowGroups[0].Columns;
        Assert.True(first[0].UsesDictionary);
        Assert.Equal(3, first[0].Statistics!.NanCount);
        Assert.Equal(-7.5, first[0].Statistics!.Min);
        Assert.Equal(99.0, first[0].Statistics!.Max);
        Assert.Equal(-40L, first[1].Statistics!.Min);
        Assert.Equal(400L, first[1].Statistics!.Max);
        var second = reader.RowGroups[1].Columns;
        Assert.Equal(1, second[0].Statistics!.NanCount);
        Assert.Equal(3.0, second[0].Statistics!.Min);
        Assert.Equal(4.0, second[0].Statistics!.Max);
        Assert.Equal(0L, second[1].Statistics!.Min);
        Assert.Equal(2L, second[1].Statistics!.Max);
    }

    [Fact]
    public async Task WriteAsync_AllZerosMixedSigns_MinIsNegativeZeroMaxIsPositiveZero()
    {
        // Given
        var schema = new ParquetSchema([new ColumnSpec("x", ColumnType.Double)]);

        // When
        using var reader = await WriteAndOpenAsync(schema, new ParquetWriterOptions(), [0.0, -0.0, 0.0, double.NaN]);

        // Then
        var stats = reader.RowGroups[0].Columns[0].Statistics!;
        Assert.True(double.IsNegative((double)stats.Min!));
        Assert.False(double.IsNegative((double)stats.Max!));
        Assert.Equal(1, stats.NanCount);
    }

    [Fact]
    public async Task WriteAsync_FirstPageDistinctPastThreeQuartersOfPlain_ChunkPlainAndValuesRoundTrip()
    {
        // Given 4,096-row pages whose first page is all distinct (the dictionary is given up part way through mapping it),
        // then a page of repeats that would have fitted a dictionary
        var schema = new ParquetSchema([new ColumnSpec("vw", ColumnType.Double, Dictionary: true)]);
        var options = new ParquetWriterOptions { PageRows = 4096 };
        var values = Enumerable.Range(0, 8192).Select(i => (double?)(i < 4096 ? 10 + (i / 10_000.0) : 7.5 + (i % 3))).ToArray();

        // When
        using var reader = await WriteAndOpenAsync(schema, options, values);

        // Then
        var chunk = reader.RowGroups[0].Columns[0];
        Assert.False(chunk.UsesDictionary);
        Assert.DoesNotContain("RLE_DICTIONARY", chunk.Encodings);
        var column = reader.ReadColumn("vw");
        Assert.Equal(values, column.DoubleValues!.Select(v => (double?)v));
        Assert.Equal(7.5, chunk.Statistics!.Min);
        Assert.Equal(10.4095, chunk.Statistics.Max);
    }

    [Fact]
    public async Task WriteAsync_FirstPageHalfDistinctWithinThreeQuartersOfPlain_KeepsDictionary()
    {
        // Given a 4,096-row first page of 2,048 distinct values, each seen twice (entries 16 KiB + 11-bit indices 5.5 KiB,
        // within 24 KiB): every slice of it is mapped and the dictionary kept
        var schema = new ParquetSchema([new ColumnSpec("vw", ColumnType.Double, Dictionary: true)]);
        var options = new ParquetWriterOptions { PageRows = 4096 };
        var values = Enumerable.Range(0, 4096).Select(i => (double?)(1 + ((i % 2048) / 1_000.0))).ToArray();

        // When
        using var reader = await WriteAndOpenAsync(schema, options, values);

        // Then
        var chunk = reader.RowGroups[0].Columns[0];
        Assert.True(chunk.UsesDictionary);
        var column = reader.ReadColumn("vw");
        Assert.Equal(values, column.DoubleValues!.Select(v => (double?)v));
    }

    private static async Task<ParquetFileReader> WriteAndOpenAsync(ParquetSchema schema, ParquetWriterOptions options, double?[] values)
    {
        var batch = new ColumnBatch(schema);
        foreach (var v in values)
        {
            if (v is null)
            {
                batch.DoubleColumn(0).AppendNull();
            }
            else
            {
                batch.DoubleColumn(0).Append(v.Value);
            }
        }

        var stream = new MemoryStream();
        await using (var writer = ParquetFileWriter.Create(stream, schema, options))
        {
            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        stream.Position = 0;
        return ParquetFileReader.Open(stream, "test.parquet");
    }
}
