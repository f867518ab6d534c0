using System.Buffers.Binary;
using SmallCaps.Parquet.Compression;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Tests.Writing;

/// <summary>Checks the footer and page layout with our own Thrift reader: offsets, sizes, counts, encodings and raw statistics bytes.</summary>
public sealed class ParquetFileWriterFooterTests
{
    private static async Task<byte[]> WriteAsync(RandomTable table, ParquetWriterOptions options)
    {
        using var stream = new MemoryStream();
        await using var writer = ParquetFileWriter.Create(stream, table.Schema, options);
        var batch = new ColumnBatch(table.Schema);
        table.Append(batch, 0, table.RowCount);
        await writer.WriteAsync(batch);
        await writer.CompleteAsync();
        return stream.ToArray();
    }

    [Theory]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.None)]
    public async Task CompleteAsync_ManyGroups_ChunkMetadataMatchesThePages(ParquetCompression compression)
    {
        // Given
        var table = new RandomTable(11, 2500, 0.2);
        var bytes = await WriteAsync(table, new ParquetWriterOptions { Compression = compression, RowGroupRows = 1000, PageRows = 300 });

        // When
        var meta = FileMetaData.ReadFromTail(bytes);

        // Then: file-level fields
        Assert.Equal(1, meta.Version);
        Assert.Equal(2500, meta.NumRows);
        Assert.Equal(3, meta.RowGroups.Count);
        Assert.Equal(table.Schema.Columns.Count, meta.ColumnOrders!.Count);
        Assert.All(meta.ColumnOrders, o => Assert.True(o.IsTypeOrder));
        var ts = meta.Schema.Single(e => e.Name == "t_ms");
        Assert.Equal(ConvertedType.TimestampMillis, ts.ConvertedType);
        Assert.Equal(LogicalTypeKind.Timestamp, ts.LogicalType!.Kind);
        Assert.True(ts.LogicalType.IsAdjustedToUtc);
        Assert.Null(meta.Schema.Single(e => e.Name == "t_ns").ConvertedType);
        Assert.Equal(ConvertedType.Utf8, meta.Schema.Single(e => e.Name == "s_dict").ConvertedType);
        Assert.Equal(ConvertedType.Date, meta.Schema.Single(e => e.Name == "d").ConvertedType);

        long expectedOffset = 4;
        foreach (var group in meta.RowGroups)
        {
            Assert.Equal(expectedOffset, group.FileOffset);
            foreach (var chunk in group.Columns)
            {
                var md = chunk.MetaData!;
                var start = md.DictionaryPageOffset ?? md.DataPageOffset;
                Assert.Equal(expectedOffset, start);
                if (md.DictionaryPageOffset is { } dictionaryOffset)
                {
                    Assert.True(dictionaryOffset < md.DataPageOffset);
                }

                // Walk every page: headers parse, bodies decompress to the declared size, counts add up.
                long values = 0;
                long uncompressed = 0;
                var pages = new Dictionary<(PageType, ParquetEncoding), int>();
                var position = start;
                while (position < start + md.TotalCompressedSize)
                {
                    var reader = new CompactReader(bytes.AsMemory((int)position));
                    var header = PageHeader.Read(reader);
                    var body = bytes.AsSpan((int)position + reader.Position, header.CompressedPageSize);
                    var page = PageDecompressor.Decompress(md.Codec, body, header.UncompressedPageSize);
                    Assert.Equal(header.UncompressedPageSize, page.Length);
                    var encoding = header.Type == PageType.DictionaryPage ? header.DictionaryPageHeader!.Encoding : header.DataPageHeader!.Encoding;
                    if (header.Type == PageType.DictionaryPage)
                    {
                        Assert.Equal(start, position);
                    }
                    else
                    {
                        values += header.DataPageHeader!.NumValues;
                        Assert.Equal(ParquetEncoding.Rle, header.DataPageHeader.DefinitionLevelEncoding);
                        Assert.Equal(ParquetEncoding.Rle, header.DataPageHeader.RepetitionLevelEncoding);
                    }

                    pages[(header.Type, encoding)] = pages.GetValueOrDefault((header.Type, encoding)) + 1;
                    uncompressed += reader.Position + header.UncompressedPageSize;
                    position += reader.Position + header.CompressedPageSize;
                }

                Assert.Equal(start + md.TotalCompressedSize, position);
                Assert.Equal(md.TotalUncompressedSize, uncompressed);
                Assert.Equal(md.NumValues, values);
                Assert.Equal(pages.OrderBy(p => p.Key).ToArray(), md.EncodingStats!.Select(s => KeyValuePair.Create((s.PageType, s.Encoding), s.Count)).OrderBy(p => p.Key).ToArray());
                Assert.Equal(start, chunk.FileOffset);
                expectedOffset += md.TotalCompressedSize;
            }
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        Assert.Equal(bytes.Length - 8 - footerLength, expectedOffset);
    }

    [Fact]
    public async Task CompleteAsync_Statistics_RawBytesAreExact()
    {
        // Given: a table whose ns timestamps and infinities DuckDB cannot show exactly
        var schema = new ParquetSchema([ColumnSpec.Timestamp("t", TimeUnit.Nanos), new ColumnSpec("x", ColumnType.Double, Nullable: true), ColumnSpec.String("s")]);
        using var stream = new MemoryStream();
        await using (var writer = ParquetFileWriter.Create(stream, schema))
        {
            var batch = new ColumnBatch(schema);
            long[] t = [1_704_205_800_123_456_789, 1_704_205_800_123_456_788, 5];
            double?[] x = [double.NegativeInfinity, double.NaN, null];
            string[] s = ["\uFF21", "🚀", "A"];
            for (var i = 0; i < 3; i++)
            {
                batch.Int64Column(0).Append(t[i]);
                if (x[i] is { } v)
                {
                    batch.DoubleColumn(1).Append(v);
                }
                else
                {
                    batch.DoubleColumn(1).AppendNull();
                }

                batch.StringColumn(2).Append(s[i]);
            }

            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        // When
        var columns = FileMetaData.ReadFromTail(stream.ToArray()).RowGroups[0].Columns.Select(c => c.MetaData!.Statistics!).ToArray();

        // Then
        Assert.Equal(5, BitConverter.ToInt64(columns[0].MinValue));
        Assert.Equal(1_704_205_800_123_456_789, BitConverter.ToInt64(columns[0].MaxValue));
        Assert.Equal(0, columns[0].NullCount);
        Assert.Null(columns[0].NanCount);
        Assert.Equal(double.NegativeInfinity, BitConverter.ToDouble(columns[1].MinValue));
        Assert.Equal(double.NegativeInfinity, BitConverter.ToDouble(columns[1].MaxValue));
        Assert.Equal(1, columns[1].NanCount);
        Assert.Equal(1, columns[1].NullCount);
        Assert.True(columns[1].IsMinValueExact);
        Assert.Equal("A"u8.ToArray(), columns[2].MinValue);
        Assert.Equal("🚀"u8.ToArray(), columns[2].MaxValue); // UTF-8 byte order, not UTF-16 order
    }

    [Fact]
    public async Task CompleteAsync_OneEntryDictionary_IndicesUseBitWidthOne()
    {
        // Given
        var schema = new ParquetSchema([ColumnSpec.String("ticker")]);
        using var stream = new MemoryStream();
        await using (var writer = ParquetFileWriter.Create(stream, schema, new ParquetWriterOptions { Compression = ParquetCompression.None }))
        {
            var batch = new ColumnBatch(schema);
            for (var i = 0; i < 10; i++)
            {
                batch.StringColumn(0).Append("AAPL");
            }

            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        // When
        var bytes = stream.ToArray();
        var md = FileMetaData.ReadFromTail(bytes).RowGroups[0].Columns[0].MetaData!;
        var reader = new CompactReader(bytes.AsMemory((int)md.DataPageOffset));
        var header = PageHeader.Read(reader);
        var body = bytes.AsSpan((int)md.DataPageOffset + reader.Position, header.CompressedPageSize).ToArray();

        // Then: bit width 1, then one RLE run of 10 zeros
        Assert.Equal(ParquetEncoding.RleDictionary, header.DataPageHeader!.Encoding);
        Assert.Equal(new byte[] { 0x01, 0x14, 0x00 }, body);
        Assert.Equal(4, md.DictionaryPageOffset);
    }

    [Fact]
    public async Task CompleteAsync_DictionaryOverLimit_FallsBackToPlainForTheRestOfTheChunk()
    {
        // Given: dictionary-enabled strings and doubles with many distinct values and a tiny limit
        var schema = new ParquetSchema([ColumnSpec.String("s"), new ColumnSpec("x", ColumnType.Double, Dictionary: true)]);
        var options = new ParquetWriterOptions { Compression = ParquetCompression.None, PageRows = 100, DictionaryPageLimitBytes = 200 };
        var bytes = await WriteRowsAsync(schema, options, 1000, (batch, i) =>
        {
            batch.StringColumn(0).Append($"value-{i % 300}");
            batch.DoubleColumn(1).Append(i / 20 * 0.5);
        });

        // When
        var columns = FileMetaData.ReadFromTail(bytes).RowGroups[0].Columns.Select(c => c.MetaData!).ToArray();

        // Then: dictionary page, some RLE_DICTIONARY pages, then PLAIN pages
        foreach (var md in columns)
        {
            var stats = md.EncodingStats!.ToDictionary(s => (s.PageType, s.Encoding), s => s.Count);
            Assert.Equal(1, stats[(PageType.DictionaryPage, ParquetEncoding.Plain)]);
            Assert.True(stats[(PageType.DataPage, ParquetEncoding.RleDictionary)] >= 1);
            Assert.True(stats[(PageType.DataPage, ParquetEncoding.Plain)] >= 1);
            Assert.InRange(stats.Where(s => s.Key.PageType == PageType.DataPage).Sum(s => s.Value), 10, 11);
            Assert.Equal(1000, md.NumValues);
        }
    }

    [Fact]
    public async Task CompleteAsync_DictionaryOptInOnDistinctValues_WritesPlainWithoutDictionaryPage()
    {
        // Given: a timestamp column opting into a dictionary although every value is distinct
        var schema = new ParquetSchema([new ColumnSpec("t", ColumnType.Timestamp, Dictionary: true)]);
        var bytes = await WriteRowsAsync(schema, new ParquetWriterOptions { PageRows = 100 }, 1000, (batch, i) => batch.Int64Column(0).Append(1_704_205_800_000 + (i * 60_000L)));

        // When
        var md = FileMetaData.ReadFromTail(bytes).RowGroups[0].Columns[0].MetaData!;

        // Then
        Assert.Null(md.DictionaryPageOffset);
        Assert.Equal([(PageType.DataPage, ParquetEncoding.Plain, 10)], md.EncodingStats!.Select(s => (s.PageType, s.Encoding, s.Count)));
    }

    private static async Task<byte[]> WriteRowsAsync(ParquetSchema schema, ParquetWriterOptions options, int rows, Action<ColumnBatch, int> append)
    {
        using var stream = new MemoryStream();
        await using var writer = ParquetFileWriter.Create(stream, schema, options);
        var batch = new ColumnBatch(schema);
        for (var i = 0; i < rows; i++)
        {
            append(batch, i);
        }

        await writer.WriteAsync(batch);
        await writer.CompleteAsync();
        return stream.ToArray();
    }
}
