using SmallCaps.Parquet.Format;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Format;

public sealed class FileMetaDataTests
{
    private static FileMetaData Sample() => new()
    {
        Version = 1,
        NumRows = 42,
        CreatedBy = "smallcaps version 0.1.0 (build dev)",
        Schema =
        [
            new SchemaElement { Name = "schema", NumChildren = 2 },
            new SchemaElement { Name = "t", Type = PhysicalType.Int64, RepetitionType = FieldRepetitionType.Required, ConvertedType = ConvertedType.TimestampMillis, LogicalType = LogicalType.Timestamp(TimeUnit.Millis) },
            new SchemaElement { Name = "ticker", Type = PhysicalType.ByteArray, RepetitionType = FieldRepetitionType.Optional, ConvertedType = ConvertedType.Utf8, LogicalType = LogicalType.Of(LogicalTypeKind.String) },
        ],
        RowGroups =
        [
            new RowGroup
            {
                NumRows = 42,
                TotalByteSize = 1000,
                FileOffset = 4,
                Ordinal = 0,
                Columns =
                [
                    new ColumnChunk
                    {
                        FileOffset = 4,
                        MetaData = new ColumnMetaData
                        {
                            Type = PhysicalType.ByteArray,
                            Encodings = [ParquetEncoding.Plain, ParquetEncoding.Rle, ParquetEncoding.RleDictionary],
                            PathInSchema = ["ticker"],
                            Codec = CompressionCodec.Snappy,
                            NumValues = 42,
                            TotalCompressedSize = 300,
                            TotalUncompressedSize = 400,
                            DataPageOffset = 40,
                            DictionaryPageOffset = 4,
                            Statistics = new Statistics { NullCount = 1, MinValue = "AAPL"u8.ToArray(), MaxValue = "ZZZ"u8.ToArray(), IsMinValueExact = true, IsMaxValueExact = false, NanCount = 0 },
                            EncodingStats = [new PageEncodingStats { PageType = PageType.DictionaryPage, Encoding = ParquetEncoding.Plain, Count = 1 }],
                        },
                    },
                ],
            },
        ],
        KeyValueMetadata = [new KeyValue { Key = "a", Value = "ü" }, new KeyValue { Key = "b" }],
        ColumnOrders = [new ColumnOrder(), new ColumnOrder()],
    };

    [Fact]
    public void Write_ThenRead_RoundTripsEveryField()
    {
        // Given
        var original = Sample();
        using var buffer = new ByteBuffer();

        // When
        original.Write(new CompactWriter(buffer));
        var bytes = buffer.WrittenSpan.ToArray();
        var back = FileMetaData.Read(new CompactReader(bytes));
        using var again = new ByteBuffer();
        back.Write(new CompactWriter(again));

        // Then
        Assert.Equal(bytes, again.WrittenSpan.ToArray());
        Assert.Equal(42, back.NumRows);
        Assert.Equal("smallcaps version 0.1.0 (build dev)", back.CreatedBy);
        Assert.Equal(LogicalTypeKind.Timestamp, back.Schema[1].LogicalType!.Kind);
        Assert.Equal(TimeUnit.Millis, back.Schema[1].LogicalType!.Unit);
        Assert.True(back.Schema[1].LogicalType!.IsAdjustedToUtc);
        var md = back.RowGroups[0].Columns[0].MetaData!;
        Assert.Equal(4, md.DictionaryPageOffset);
        Assert.Equal("AAPL"u8.ToArray(), md.Statistics!.MinValue);
        Assert.False(md.Statistics.IsMaxValueExact);
        Assert.Equal(0, md.Statistics.NanCount);
        Assert.Equal("ü", back.KeyValueMetadata![0].Value);
        Assert.Null(back.KeyValueMetadata[1].Value);
        Assert.True(back.ColumnOrders![1].IsTypeOrder);
    }

    [Fact]
    public void ReadFromTail_TruncatedAnywhere_ThrowsParquetFormatException()
    {
        // Given
        using var buffer = new ByteBuffer();
        Sample().Write(new CompactWriter(buffer));
        var meta = buffer.WrittenSpan.ToArray();

        // When / Then: every truncation of the metadata fails cleanly
        for (var cut = 0; cut < meta.Length; cut++)
        {
            var tail = meta[..cut].Concat(BitConverter.GetBytes(cut)).Concat("PAR1"u8.ToArray()).ToArray();
            var padded = new byte[8].Concat(tail).ToArray();
            Assert.Throws<ParquetFormatException>(() => FileMetaData.ReadFromTail(padded, "cut.parquet"));
        }
    }

    [Fact]
    public void FooterLength_BadMagicOrLength_ThrowsWithFileName()
    {
        var ex = Assert.Throws<ParquetFormatException>(() => FileMetaData.FooterLength("PAR1\x10\0\0\0PAR0"u8, 12, "x.parquet"));
        Assert.StartsWith("x.parquet: ", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ParquetFormatException>(() => FileMetaData.FooterLength("PAR1\xFF\0\0\0PAR1"u8, 12));
    }

    [Fact]
    public void PageHeader_RoundTrip_ReportsHeaderLength()
    {
        // Given
        var header = new PageHeader
        {
            Type = PageType.DataPage,
            UncompressedPageSize = 1000,
            CompressedPageSize = 500,
            DataPageHeader = new DataPageHeader { NumValues = 20000, Encoding = ParquetEncoding.RleDictionary },
        };
        using var buffer = new ByteBuffer();
        header.Write(new CompactWriter(buffer));
        buffer.Write([1, 2, 3]);

        // When
        var reader = new CompactReader(buffer.WrittenSpan.ToArray());
        var back = PageHeader.Read(reader);

        // Then
        Assert.Equal(buffer.Length - 3, reader.Position);
        Assert.Equal(20000, back.DataPageHeader!.NumValues);
        Assert.Equal(ParquetEncoding.Rle, back.DataPageHeader.DefinitionLevelEncoding);
    }

    [Fact]
    public void ReadFromTail_EveryFixtureFile_ParsesOrFailsWithParquetFormatException()
    {
        // Given: the conformance files, bad_data included
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Fixtures, "parquet-testing"), "*.parquet", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var parsed = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);

            // When
            try
            {
                var meta = FileMetaData.ReadFromTail(bytes, Path.GetFileName(file));
                Assert.NotEmpty(meta.Schema);
                parsed++;
            }
            catch (ParquetFormatException ex)
            {
                // Then: a clear error naming the file, never another exception type
                Assert.Contains(Path.GetFileName(file), ex.Message, StringComparison.Ordinal);
            }
        }

        Assert.True(parsed > files.Length / 2, $"only {parsed} of {files.Length} footers parsed");
    }

    [Fact]
    public void Read_RandomlyCorruptedFooters_OnlyEverThrowsParquetFormatException()
    {
        // Given: a real footer with 1-4 random bytes changed, 3000 times (fixed seed)
        using var buffer = new ByteBuffer();
        Sample().Write(new CompactWriter(buffer));
        var original = buffer.WrittenSpan.ToArray();
        var rng = new Random(20240102);
        for (var round = 0; round < 3000; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var k = rng.Next(1, 5); k > 0; k--)
            {
                bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            }

            // When / Then
            try
            {
                FileMetaData.Read(new CompactReader(bytes, "fuzz.parquet"));
            }
            catch (ParquetFormatException)
            {
            }
        }
    }
}
