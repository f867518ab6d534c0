using System.IO.Compression;
using SmallCaps.Parquet.Compression;
using SmallCaps.Parquet.Format;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Compression;

public sealed class PageCompressionTests
{
    private static byte[] SamplePage()
    {
        var rng = new Random(7);
        var bytes = new byte[100_000];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i % 97 < 50 ? 'a' + (i % 7) : rng.Next(256));
        }

        return bytes;
    }

    [Theory]
    [InlineData((int)CompressionCodec.Uncompressed)]
    [InlineData((int)CompressionCodec.Snappy)]
    [InlineData((int)CompressionCodec.Gzip)]
    [InlineData((int)CompressionCodec.Brotli)]
    [InlineData((int)CompressionCodec.Zstd)]
    public void Compress_ThenDecompress_RoundTrips(int codecId)
    {
        var codec = (CompressionCodec)codecId;
        // Given
        var page = SamplePage();
        using var buffer = new ByteBuffer();

        // When
        var length = PageCompressor.Compress(codec, page, buffer);
        var back = PageDecompressor.Decompress(codec, buffer.WrittenSpan, page.Length);

        // Then
        Assert.Equal(buffer.Length, length);
        Assert.Equal(page, back);
    }

    [Theory]
    [InlineData((int)CompressionCodec.Snappy)]
    [InlineData((int)CompressionCodec.Gzip)]
    [InlineData((int)CompressionCodec.Brotli)]
    [InlineData((int)CompressionCodec.Zstd)]
    public void Decompress_SixteenMiBOfZeros_IsNotRejectedAsImplausible(int codecId)
    {
        // Given: the most compressible page there is (brotli shrinks it over 600,000 times)
        var codec = (CompressionCodec)codecId;
        var page = new byte[16 << 20];
        using var buffer = new ByteBuffer();
        PageCompressor.Compress(codec, page, buffer);

        // When
        var back = PageDecompressor.Decompress(codec, buffer.WrittenSpan, page.Length);

        // Then
        Assert.Equal(page.Length, back.Length);
        Assert.DoesNotContain(back, b => b != 0);
    }

    [Fact]
    public void ZstdNative_LibraryMissing_ErrorNamesCodecFileAndUnavailability()
    {
        // Given: a library name that cannot load, and the error the decompressor raises in that case
        Assert.False(ZstdNative.CanLoad(["libzstd-does-not-exist.so.9"]));
        Assert.True(ZstdNative.IsAvailable, "libzstd.so.1 is expected on the test machines (apt-get install libzstd1)");

        // When
        var error = ZstdNative.Unavailable("users.parquet: ZSTD");

        // Then
        Assert.StartsWith("users.parquet: ZSTD compression is unavailable", error.Message, StringComparison.Ordinal);
        Assert.Contains("libzstd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_Snappy_IsBlockFormatNotFramed()
    {
        using var buffer = new ByteBuffer();
        PageCompressor.Compress(CompressionCodec.Snappy, new byte[300], buffer);
        Assert.Equal(new byte[] { 0xAC, 0x02 }, buffer.WrittenSpan[..2].ToArray());
    }

    [Fact]
    public void Decompress_ConcatenatedGzipMembers_ReadsAll()
    {
        // Given: two gzip members back to back
        var a = Gzip("hello "u8.ToArray());
        var b = Gzip("world"u8.ToArray());

        // When
        var back = PageDecompressor.Decompress(CompressionCodec.Gzip, [.. a, .. b], 11);

        // Then
        Assert.Equal("hello world"u8.ToArray(), back);
    }

    [Theory]
    [InlineData((int)CompressionCodec.Snappy)]
    [InlineData((int)CompressionCodec.Gzip)]
    [InlineData((int)CompressionCodec.Brotli)]
    [InlineData((int)CompressionCodec.Zstd)]
    public void Decompress_WrongDeclaredSize_Throws(int codecId)
    {
        var codec = (CompressionCodec)codecId;
        var page = SamplePage();
        using var buffer = new ByteBuffer();
        PageCompressor.Compress(codec, page, buffer);
        Assert.Throws<ParquetFormatException>(() => PageDecompressor.Decompress(codec, buffer.WrittenSpan, page.Length - 1, "f.parquet"));
        Assert.Throws<ParquetFormatException>(() => PageDecompressor.Decompress(codec, buffer.WrittenSpan, page.Length + 1, "f.parquet"));
    }

    [Theory]
    [InlineData((int)CompressionCodec.Snappy)]
    [InlineData((int)CompressionCodec.Gzip)]
    [InlineData((int)CompressionCodec.Brotli)]
    [InlineData((int)CompressionCodec.Zstd)]
    public void Decompress_Garbage_ThrowsParquetFormatException(int codecId)
    {
        var codec = (CompressionCodec)codecId;
        var garbage = new byte[64];
        new Random(3).NextBytes(garbage);
        garbage[0] = 100; // snappy preamble: 100 bytes
        Assert.Throws<ParquetFormatException>(() => PageDecompressor.Decompress(codec, garbage, 100, "g.parquet"));
    }

    [Fact]
    public void Decompress_HugeDeclaredSize_RejectedBeforeAllocating()
    {
        var ex = Assert.Throws<ParquetFormatException>(() => PageDecompressor.Decompress(CompressionCodec.Snappy, new byte[10], 1_000_000_000, "h.parquet"));
        Assert.Contains("h.parquet", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decompress_ConcatenatedGzipFixture_ReadsFooterAndFirstPage()
    {
        // Given: parquet-testing's file whose pages are several gzip members
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Fixtures, "parquet-testing", "concatenated_gzip_members.parquet"));
        var meta = FileMetaData.ReadFromTail(bytes, "concatenated_gzip_members.parquet");
        var chunk = meta.RowGroups[0].Columns[0].MetaData!;
        var start = (int)Math.Min(chunk.DataPageOffset, chunk.DictionaryPageOffset is > 0 and var d ? d : long.MaxValue);
        var reader = new CompactReader(bytes.AsMemory(start));

        // When
        var header = PageHeader.Read(reader);
        var v2 = header.DataPageHeaderV2!;
        var levels = v2.DefinitionLevelsByteLength + v2.RepetitionLevelsByteLength;
        var body = bytes.AsSpan(start + reader.Position + levels, header.CompressedPageSize - levels);
        var page = PageDecompressor.Decompress(chunk.Codec, body, header.UncompressedPageSize - levels);

        // Then
        Assert.Equal(CompressionCodec.Gzip, chunk.Codec);
        Assert.Equal(header.UncompressedPageSize - levels, page.Length);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }
}
