using SmallCaps.Parquet.Compression;
using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Tests.Compression;

/// <summary>Random inputs mixing literals, near and far repeats and runs, at every small length and around the 64 KiB block edge.</summary>
public sealed class SnappyRandomizedTests
{
    [Fact]
    public void Compress_EverySmallLength_DecodesBackWithBothDecoders()
    {
        // Given lengths 0..300 of three kinds (the 15-byte input margin and the 16-position first probe live here)
        var rng = new Random(5);
        for (var length = 0; length <= 300; length++)
        {
            foreach (var kind in new[] { 0, 1, 2 })
            {
                var input = Make(rng, length, kind);

                // When / Then
                AssertRoundTrip(input);
            }
        }
    }

    [Fact]
    public void Compress_RandomStructuredInputs_DecodeBackWithBothDecoders()
    {
        // Given random mixes of literals and copies at random distances, some lengths straddling 64 KiB blocks
        var rng = new Random(17);
        for (var round = 0; round < 120; round++)
        {
            var length = rng.Next(4) switch
            {
                0 => rng.Next(0, 2000),
                1 => 65_536 + rng.Next(-40, 40),
                2 => (2 * 65_536) + rng.Next(-20, 20),
                _ => rng.Next(2000, 200_000),
            };

            // When / Then
            AssertRoundTrip(Make(rng, length, rng.Next(3)));
        }
    }

    private static void AssertRoundTrip(byte[] input)
    {
        using var buffer = new ByteBuffer(8);
        buffer.Write([0xEE]);
        SnappyBlockEncoder.Compress(input, buffer);
        var compressed = buffer.WrittenSpan[1..];
        Assert.True(compressed.Length <= SnappyBlockEncoder.MaxCompressedLength(input.Length), $"{compressed.Length} bytes for {input.Length}");
        Assert.Equal(input, IronSnappy.Snappy.Decode(compressed));
        var decoded = new byte[input.Length];
        SnappyDecoder.Decode(compressed, decoded);
        Assert.Equal(input, decoded);
        Assert.Equal(0xEE, buffer.WrittenSpan[0]);
    }

    /// <summary>kind 0: random bytes; 1: literals and copies of earlier bytes; 2: page-like doubles (prices and whole volumes).</summary>
    private static byte[] Make(Random rng, int length, int kind)
    {
        var bytes = new byte[length];
        switch (kind)
        {
            case 0:
                rng.NextBytes(bytes);
                break;
            case 1:
                for (var i = 0; i < length;)
                {
                    var n = Math.Min(length - i, 1 + rng.Next(rng.Next(2) == 0 ? 8 : 100));
                    if (i > 0 && rng.Next(2) == 0)
                    {
                        // A copy from a random earlier distance (overlapping when the distance is short).
                        var from = i - 1 - rng.Next(Math.Min(i, rng.Next(2) == 0 ? 16 : 70_000));
                        for (var k = 0; k < n; k++)
                        {
                            bytes[i + k] = bytes[from + k];
                        }
                    }
                    else
                    {
                        rng.NextBytes(bytes.AsSpan(i, n));
                    }

                    i += n;
                }

                break;
            default:
                var price = 12.6;
                for (var i = 0; i + 8 <= length; i += 8)
                {
                    var value = rng.Next(3) == 0 ? 100.0 * rng.Next(1, 300) : price = Math.Round(price * (1 + ((rng.NextDouble() - 0.5) * 0.002)), 2);
                    BitConverter.TryWriteBytes(bytes.AsSpan(i), value);
                }

                break;
        }

        return bytes;
    }
}
