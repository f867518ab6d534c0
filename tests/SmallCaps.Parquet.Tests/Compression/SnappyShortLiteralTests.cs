using System.Runtime.InteropServices;
using SmallCaps.Parquet.Compression;
using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Tests.Compression;

/// <summary>Pages of timestamps and prices compress to many 1-16 byte literals between short copies (the 16-byte literal fast path).</summary>
public sealed class SnappyShortLiteralTests
{
    [Theory]
    [InlineData(8, 1)]
    [InlineData(8_192, 2)]
    [InlineData(65_536 + 24, 3)]
    [InlineData(200_003, 4)]
    public void Compress_TimestampLikePage_DecodesBackWithBothDecoders(int count, int seed)
    {
        // Given minute timestamps with gaps, as PLAIN little-endian bytes, cut to an odd byte length
        var rng = new Random(seed);
        var t = 1_704_205_800_000L;
        var values = new long[count];
        for (var i = 0; i < count; i++)
        {
            t += 60_000L * (rng.Next(7) == 0 ? 1 + rng.Next(5) : 1);
            values[i] = t;
        }

        var input = MemoryMarshal.AsBytes(values.AsSpan())[..^3].ToArray();
        using var buffer = new ByteBuffer(16);

        // When
        SnappyBlockEncoder.Compress(input, buffer);

        // Then
        Assert.Equal(input, IronSnappy.Snappy.Decode(buffer.WrittenSpan));
        var decoded = new byte[input.Length];
        SnappyDecoder.Decode(buffer.WrittenSpan, decoded);
        Assert.Equal(input, decoded);
        Assert.True(buffer.Length <= SnappyBlockEncoder.MaxCompressedLength(input.Length));
    }

    [Fact]
    public void Compress_LiteralsOfEveryShortLength_DecodeBack()
    {
        // Given a repeated 8-byte marker separated by random literals of 1 to 20 bytes
        var rng = new Random(9);
        var input = new List<byte>();
        byte[] marker = [1, 2, 3, 4, 5, 6, 7, 8];
        for (var k = 0; k < 2_000; k++)
        {
            input.AddRange(marker);
            var literal = new byte[1 + (k % 20)];
            rng.NextBytes(literal);
            input.AddRange(literal);
        }

        using var buffer = new ByteBuffer();

        // When
        SnappyBlockEncoder.Compress(input.ToArray(), buffer);

        // Then
        Assert.Equal(input.ToArray(), IronSnappy.Snappy.Decode(buffer.WrittenSpan));
    }

    [Fact]
    public void Compress_LongLiteralsBetweenMatches_DecodeBackWithBothDecoders()
    {
        // Given a repeated 8-byte marker separated by random literals of 17 to 300 bytes and a few of about 1 and 5 KiB
        // (long literals inside a block are moved 16 bytes at a time, with 1-, 2- and 3-byte headers), for both compressors
        var rng = new Random(17);
        var input = new List<byte>();
        byte[] marker = [9, 8, 7, 6, 5, 4, 3, 2];
        for (var k = 0; k < 600; k++)
        {
            input.AddRange(marker);
            var literal = new byte[k % 50 == 0 ? 1_000 + (k * 7) : 17 + (k % 284)];
            rng.NextBytes(literal);
            input.AddRange(literal);
        }

        var bytes = input.ToArray();
        using var general = new ByteBuffer();
        using var values8 = new ByteBuffer();

        // When
        SnappyBlockEncoder.Compress(bytes, general);
        SnappyBlockEncoder.CompressValues8(bytes, 0, values8);

        // Then
        foreach (var buffer in new[] { general, values8 })
        {
            Assert.Equal(bytes, IronSnappy.Snappy.Decode(buffer.WrittenSpan));
            var decoded = new byte[bytes.Length];
            SnappyDecoder.Decode(buffer.WrittenSpan, decoded);
            Assert.Equal(bytes, decoded);
            Assert.True(buffer.Length <= SnappyBlockEncoder.MaxCompressedLength(bytes.Length));
        }
    }
}
