using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;
using static SmallCaps.Parquet.Tests.Encodings.DecoderTestEncoders;

namespace SmallCaps.Parquet.Tests.Encodings;

public sealed class DeltaBinaryPackedEncoderTests
{
    public static TheoryData<string, int> Shapes() => new()
    {
        { "minutes", 0 }, { "minutes", 1 }, { "minutes", 2 }, { "minutes", 32 }, { "minutes", 33 }, { "minutes", 129 },
        { "minutes", 8192 }, { "descending", 300 }, { "constant", 257 }, { "extremes", 700 }, { "random", 1000 },
        { "random", 128 }, { "random", 161 }, { "sparse-spikes", 5000 }, { "alternating", 96 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Encode_Int64_MatchesReferenceEncoderAndDecodesBack(string shape, int count)
    {
        // Given
        var values = Int64Values(shape, count, seed: count + shape.Length);
        using var output = new ByteBuffer(16);

        // When
        DeltaBinaryPackedEncoder.Encode(values, output);

        // Then: byte-identical to the test's independent encoder (128-value blocks, 4 miniblocks), and our reader restores it
        Assert.Equal(DeltaBinaryPacked(values), output.WrittenSpan.ToArray());
        Assert.Equal(values, DeltaBinaryPackedDecoder.Decode(output.WrittenSpan, count, out var consumed));
        Assert.Equal(output.Length, consumed);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Encode_Int32_DecodesBackWithMiniblocksAtMost32BitsWide(string shape, int count)
    {
        // Given values whose deltas overflow 32 bits in the extreme shapes
        var values = Int64Values(shape, count, seed: count).Select(v => unchecked((int)(v ^ (v >> 32)))).ToArray();
        if (shape == "extremes")
        {
            values = [.. Enumerable.Range(0, count).Select(i => (i % 4) switch { 0 => int.MinValue, 1 => int.MaxValue, 2 => -1, _ => 0 })];
        }

        using var output = new ByteBuffer(16);

        // When
        DeltaBinaryPackedEncoder.Encode(values, output);

        // Then
        var decoded = DeltaBinaryPackedDecoder.Decode(output.WrittenSpan, count, out var consumed);
        Assert.Equal(values, decoded.Select(v => unchecked((int)v)));
        Assert.Equal(output.Length, consumed);
        Assert.All(MiniblockWidths(output.WrittenSpan), w => Assert.InRange(w, 0, 32));
    }

    [Fact]
    public void Encode_AscendingMinutes_PacksIntoFewBitsPerValue()
    {
        // Given a day of minute bars with a few gaps: deltas are 60,000 or a small multiple
        var values = Int64Values("minutes", 8192, seed: 3);
        using var output = new ByteBuffer();

        // When
        DeltaBinaryPackedEncoder.Encode(values, output);

        // Then: far below the 8 bytes a PLAIN value takes
        Assert.True(output.Length < values.Length * 3, $"{output.Length} bytes for {values.Length} values");
    }

    [Fact]
    public void Encode_RandomInputs_AllDecodeBack()
    {
        // Given many random lengths and value ranges, including full-range values whose deltas overflow
        var rng = new Random(11);
        for (var round = 0; round < 300; round++)
        {
            var count = rng.Next(0, 600);
            var range = rng.Next(4) switch { 0 => 2L, 1 => 1L << 20, 2 => 1L << 40, _ => long.MaxValue };
            var values = Enumerable.Range(0, count).Select(_ => rng.Next(3) == 0 ? rng.NextInt64() - rng.NextInt64() : rng.NextInt64(-range / 2, range / 2)).ToArray();
            using var output = new ByteBuffer(8);

            // When
            DeltaBinaryPackedEncoder.Encode(values, output);

            // Then
            Assert.Equal(values, DeltaBinaryPackedDecoder.Decode(output.WrittenSpan, count, out var consumed));
            Assert.Equal(output.Length, consumed);
        }
    }

    private static long[] Int64Values(string shape, int count, int seed)
    {
        var rng = new Random(seed);
        var values = new long[count];
        var t = 1_709_283_900_000L;
        for (var i = 0; i < count; i++)
        {
            values[i] = shape switch
            {
                "minutes" => t += 60_000L * (rng.Next(7) == 0 ? 1 + rng.Next(5) : 1) + (i % 800 == 799 ? 52_000_000L : 0),
                "descending" => 1_000_000L - (i * 37L) - rng.Next(3),
                "constant" => -42L,
                "extremes" => (i % 4) switch { 0 => long.MinValue, 1 => long.MaxValue, 2 => -1L, _ => 0L },
                "sparse-spikes" => i % 997 == 0 ? long.MaxValue - rng.Next(100) : i,
                "alternating" => i % 2 == 0 ? 1L << 62 : -(1L << 62),
                _ => rng.NextInt64(long.MinValue, long.MaxValue),
            };
        }

        return values;
    }

    /// <summary>The bit width byte of every miniblock that holds values.</summary>
    private static List<int> MiniblockWidths(ReadOnlySpan<byte> stream)
    {
        var pos = 0;
        var blockSize = VarIntReader.ReadUleb128Int32(stream, ref pos, "block");
        var miniblocks = VarIntReader.ReadUleb128Int32(stream, ref pos, "miniblocks");
        var total = VarIntReader.ReadUleb128Int32(stream, ref pos, "total");
        VarIntReader.ReadZigZag(stream, ref pos);
        var widths = new List<int>();
        var perMiniblock = blockSize / miniblocks;
        for (var left = total - 1; left > 0; left -= blockSize)
        {
            VarIntReader.ReadZigZag(stream, ref pos);
            var used = (Math.Min(left, blockSize) + perMiniblock - 1) / perMiniblock;
            var bytes = 0;
            for (var m = 0; m < miniblocks; m++)
            {
                if (m < used)
                {
                    widths.Add(stream[pos + m]);
                    bytes += stream[pos + m] * perMiniblock / 8;
                }
            }

            pos += miniblocks + bytes;
        }

        Assert.Equal(stream.Length, pos);
        return widths;
    }
}
