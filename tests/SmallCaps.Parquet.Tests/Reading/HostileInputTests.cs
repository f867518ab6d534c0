using SmallCaps.Parquet.Format;
using SmallCaps.Parquet.Tests.Conformance;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Reading;

public sealed class HostileInputTests
{
    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'P', (byte)'A', (byte)'R', (byte)'1' })]
    [InlineData(new byte[] { (byte)'P', (byte)'A', (byte)'R', (byte)'1', 0, 0, 0, 0, 0, 0, 0, 0, (byte)'P', (byte)'A', (byte)'R', (byte)'1' })]
    public void Open_TooShortOrEmptyFooter_ThrowsFormatException(byte[] bytes)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("x.parquet");
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<ParquetFormatException>(() => ParquetFileReader.Open(path));
        Assert.Contains("x.parquet", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingLeadingMagic_ThrowsFormatException()
    {
        // Given a valid file whose first byte is damaged
        var bytes = File.ReadAllBytes(FixturePaths.Of("alltypes_plain.parquet"));
        bytes[0] = (byte)'X';

        // When / Then
        var ex = Assert.Throws<ParquetFormatException>(() => ParquetFileReader.Open(new MemoryStream(bytes), "damaged"));
        Assert.Contains("PAR1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FooterLengthBeyondFile_ThrowsFormatException()
    {
        // Given
        var bytes = File.ReadAllBytes(FixturePaths.Of("alltypes_plain.parquet"));
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, bytes.Length - 8);

        // When / Then
        Assert.Throws<ParquetFormatException>(() => ParquetFileReader.Open(new MemoryStream(bytes), "long-footer"));
    }

    [Fact]
    public void ReadAll_EveryTruncation_ThrowsFormatException()
    {
        // Given every prefix of a small file (any cut loses the trailing magic)
        var bytes = File.ReadAllBytes(FixturePaths.Of("datapage_v2.snappy.parquet"));

        // When / Then
        for (var length = 0; length < bytes.Length; length += 7)
        {
            var cut = bytes.AsSpan(0, length).ToArray();
            Assert.Throws<ParquetFormatException>(() => ReadAll(cut));
        }
    }

    [Theory]
    [InlineData("alltypes_plain.snappy.parquet")]
    [InlineData("datapage_v2.snappy.parquet")]
    [InlineData("delta_encoding_optional_column.parquet")]
    [InlineData("byte_stream_split_extended.gzip.parquet")]
    [InlineData("rle-dict-snappy-checksum.parquet")]
    public void ReadAll_RandomByteDamage_FailsOnlyWithFormatException(string fileName)
    {
        // Given 150 copies with 1-3 bytes overwritten at seeded positions
        var original = File.ReadAllBytes(FixturePaths.Of(fileName));
        var random = new Random(fileName.Length);
        for (var round = 0; round < 150; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            // When
            var ex = Record.Exception(() => ReadAll(bytes));

            // Then: damage may go unnoticed in values, but must never surface as another exception type
            if (ex is not null && ex is not ParquetFormatException)
            {
                Assert.Fail($"{fileName} round {round}: {ex.GetType().Name}: {ex}");
            }
        }
    }

    [Fact]
    public void ReadColumn_HugeDeclaredValueCount_ThrowsWithoutAllocating()
    {
        // Given a well-formed footer whose only chunk claims two billion values in a few bytes
        var bytes = BuildFile(numRows: 2_000_000_000, numValues: 2_000_000_000, pageBytes: [0x15, 0x00]);

        // When / Then
        using var reader = ParquetFileReader.Open(new MemoryStream(bytes), "huge");
        var ex = Assert.Throws<ParquetFormatException>(() => reader.ReadColumn(0, 0));
        Assert.Contains("limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadColumn_PageHeaderPastChunkEnd_ThrowsFormatException()
    {
        // Given a chunk that holds only one byte of a page header
        var bytes = BuildFile(numRows: 10, numValues: 10, pageBytes: [0x15]);

        // When / Then
        using var reader = ParquetFileReader.Open(new MemoryStream(bytes), "short-chunk");
        Assert.Throws<ParquetFormatException>(() => reader.ReadColumn(0, 0));
    }

    private static void ReadAll(byte[] bytes)
    {
        using var reader = ParquetFileReader.Open(new MemoryStream(bytes), "damaged");
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            for (var c = 0; c < reader.Columns.Count; c++)
            {
                reader.ReadColumn(g, c);
            }
        }
    }

    /// <summary>PAR1, the given chunk bytes, then a footer describing one required INT32 column over them.</summary>
    private static byte[] BuildFile(long numRows, long numValues, byte[] pageBytes)
    {
        var meta = new FileMetaData
        {
            NumRows = numRows,
            Schema =
            [
                new SchemaElement { Name = "root", NumChildren = 1 },
                new SchemaElement { Name = "v", Type = PhysicalType.Int32, RepetitionType = FieldRepetitionType.Required },
            ],
            RowGroups =
            [
                new RowGroup
                {
                    NumRows = numRows,
                    Columns =
                    [
                        new ColumnChunk
                        {
                            FileOffset = 4,
                            MetaData = new ColumnMetaData
                            {
                                Type = PhysicalType.Int32,
                                Encodings = [ParquetEncoding.Plain],
                                PathInSchema = ["v"],
                                Codec = CompressionCodec.Uncompressed,
                                NumValues = numValues,
                                TotalCompressedSize = pageBytes.Length,
                                TotalUncompressedSize = pageBytes.Length,
                                DataPageOffset = 4,
                            },
                        },
                    ],
                },
            ],
        };
        using var buffer = new ByteBuffer();
        meta.Write(new CompactWriter(buffer));
        var footer = buffer.WrittenSpan.ToArray();
        return [.. "PAR1"u8, .. pageBytes, .. footer, .. BitConverter.GetBytes(footer.Length), .. "PAR1"u8];
    }
}
