using SmallCaps.Parquet.Compression;
using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Tests.Compression;

public sealed class SnappyBlockEncoderTests
{
    public static TheoryData<string, int> Inputs() => new()
    {
        { "empty", 0 }, { "random", 1 }, { "random", 16 }, { "random", 17 }, { "text", 100 }, { "zeros", 65_535 },
        { "zeros", 65_536 }, { "text", 65_537 }, { "random", 200_000 }, { "doubles", 160_000 }, { "text", 1_000_003 },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Compress_AnyInput_IronSnappyDecodesItBack(string kind, int length)
    {
        // Given
        var input = Make(kind, length);
        using var buffer = new ByteBuffer();

        // When
        SnappyBlockEncoder.Compress(input, buffer);

        // Then: the reference-compatible decoder restores it, and redundant input shrinks
        Assert.Equal(input, IronSnappy.Snappy.Decode(buffer.WrittenSpan));
        Assert.True(buffer.Length <= SnappyBlockEncoder.MaxCompressedLength(length));
        if (kind is "zeros" or "text" && length >= 1000)
        {
            Assert.True(buffer.Length < length / 4, $"{kind} {length} compressed to {buffer.Length}");
        }
    }

    [Fact]
    public void Compress_ThreeHundredZeros_StartsWithLengthVarint()
    {
        using var buffer = new ByteBuffer();
        SnappyBlockEncoder.Compress(new byte[300], buffer);
        Assert.Equal(new byte[] { 0xAC, 0x02 }, buffer.WrittenSpan[..2].ToArray());
    }

    [Fact]
    public void Compress_IncompressibleStretchThenZeros_SkipsAheadAndStillFindsTheRun()
    {
        // Given 20,000 random bytes (the search probes further apart the longer nothing matches, some 600 bytes apart by
        // their end) followed by 20,000 zeros
        var input = new byte[40_000];
        new Random(3).NextBytes(input.AsSpan(0, 20_000));
        using var buffer = new ByteBuffer();

        // When
        SnappyBlockEncoder.Compress(input, buffer);

        // Then: both decoders restore it, and the zeros became copies soon after the skipping probes reached them
        Assert.Equal(input, IronSnappy.Snappy.Decode(buffer.WrittenSpan));
        var decoded = new byte[input.Length];
        SnappyDecoder.Decode(buffer.WrittenSpan, decoded);
        Assert.Equal(input, decoded);
        Assert.True(buffer.Length < 22_500, $"compressed to {buffer.Length}");
    }

    private static byte[] Make(string kind, int length)
    {
        var rng = new Random(length);
        var bytes = new byte[length];
        switch (kind)
        {
            case "random":
                rng.NextBytes(bytes);
                break;
            case "text":
                var words = "the quick brown fox jumps over the lazy dog AAPL MSFT 12.34 "u8.ToArray();
                for (var i = 0; i < length; i++)
                {
                    bytes[i] = rng.Next(50) == 0 ? (byte)rng.Next(256) : words[(i * 7 / 5) % words.Length];
                }

                break;
            case "doubles":
                var price = 10.0;
                for (var i = 0; i + 8 <= length; i += 8)
                {
                    price = Math.Round(price * (1 + ((rng.NextDouble() - 0.5) * 0.01)), 4);
                    BitConverter.TryWriteBytes(bytes.AsSpan(i), price);
                }

                break;
        }

        return bytes;
    }
}
