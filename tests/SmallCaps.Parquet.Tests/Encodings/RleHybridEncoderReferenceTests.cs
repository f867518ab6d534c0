using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Tests.Encodings;

/// <summary>The optimised encoder must produce exactly the bytes of a plain, value-at-a-time implementation of the same rules.</summary>
public sealed class RleHybridEncoderReferenceTests
{
    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        foreach (var width in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 24, 31, 32 })
        {
            data.Add(width, width * 7);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encode_RandomRunsAndLiterals_SameBytesAsReference(int bitWidth, int seed)
    {
        var rng = new Random(seed);
        for (var trial = 0; trial < 60; trial++)
        {
            // Given runs of 1 to 20 (around the 8-value threshold), long runs and literals, of random total length
            var values = new List<int>();
            var length = rng.Next(0, 600);
            var max = bitWidth == 32 ? int.MaxValue : (int)((1L << bitWidth) - 1);
            while (values.Count < length)
            {
                var value = rng.Next(4) == 0 ? max : (int)(rng.NextInt64(max + 1L));
                var run = rng.Next(6) switch { 0 => rng.Next(8, 300), 1 or 2 => rng.Next(1, 21), _ => 1 };
                values.AddRange(Enumerable.Repeat(value, run));
            }

            using var actual = new ByteBuffer();

            // When
            RleHybridEncoder.Encode<int>(values.ToArray(), bitWidth, actual);

            // Then
            Assert.Equal(Reference([.. values], bitWidth), actual.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public void Encode_ByteLevels_SameBytesAsReference()
    {
        // Given definition levels: long runs of 1 with scattered 0s
        var rng = new Random(5);
        var levels = Enumerable.Range(0, 5_000).Select(_ => rng.Next(40) == 0 ? (byte)0 : (byte)1).ToArray();
        using var actual = new ByteBuffer();

        // When
        RleHybridEncoder.Encode<byte>(levels, 1, actual);

        // Then
        Assert.Equal(Reference([.. levels.Select(l => (int)l)], 1), actual.WrittenSpan.ToArray());
    }

    [Fact]
    public void Encode_MostlyLiteralIndicesAndLevels_SameBytesAsReference()
    {
        // Given dictionary indices that rarely repeat (the vector skip over literals) and alternating levels, at every length to 200
        var rng = new Random(23);
        for (var length = 0; length <= 200; length++)
        {
            var indices = Enumerable.Range(0, length).Select(i => rng.Next(30) == 0 ? 5 : i % 1000).ToArray();
            var levels = Enumerable.Range(0, length).Select(i => (byte)((i + (rng.Next(50) == 0 ? 1 : 0)) & 1)).ToArray();
            using var actualIndices = new ByteBuffer();
            using var actualLevels = new ByteBuffer();

            // When
            RleHybridEncoder.Encode<int>(indices, 10, actualIndices);
            RleHybridEncoder.Encode<byte>(levels, 1, actualLevels);

            // Then
            Assert.Equal(Reference(indices, 10), actualIndices.WrittenSpan.ToArray());
            Assert.Equal(Reference([.. levels.Select(l => (int)l)], 1), actualLevels.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public void Encode_LongerThanStackBitmap_SameBytesAsReference()
    {
        // Given 70,000 indices (past the encoder's on-stack neighbour bitmap) with runs of 7 to 9 straddling 64-value words
        var rng = new Random(77);
        var values = new int[70_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = rng.Next(1000);
        }

        for (var start = 60; start + 9 < values.Length; start += rng.Next(20, 200))
        {
            values.AsSpan(start, rng.Next(7, 10)).Fill(values[start]);
        }

        using var actual = new ByteBuffer();

        // When
        RleHybridEncoder.Encode<int>(values, 10, actual);

        // Then
        Assert.Equal(Reference(values, 10), actual.WrittenSpan.ToArray());
    }

    [Fact]
    public void Encode_RunsAtEveryWordOffset_SameBytesAsReference()
    {
        // Given a run of 8 to 10 equal values placed at every offset of two 64-value words, among distinct values
        for (var length = 8; length <= 10; length++)
        {
            for (var start = 0; start < 130; start++)
            {
                var values = Enumerable.Range(0, 200).ToArray();
                values.AsSpan(start, length).Fill(999);
                using var actual = new ByteBuffer();

                // When
                RleHybridEncoder.Encode<int>(values, 10, actual);

                // Then
                Assert.Equal(Reference(values, 10), actual.WrittenSpan.ToArray());
            }
        }
    }

    /// <summary>Runs of 8 or more (after lending values to pad pending literals to a multiple of 8) are RLE; the rest bit-packed, last group zero-padded.</summary>
    private static byte[] Reference(int[] values, int bitWidth)
    {
        var output = new List<byte>();
        var literalStart = 0;
        var i = 0;
        while (i < values.Length)
        {
            var j = i;
            while (j < values.Length && values[j] == values[i])
            {
                j++;
            }

            var literals = i - literalStart;
            var pad = (8 - (literals % 8)) % 8;
            if (j - i - pad >= 8)
            {
                if (literals + pad > 0)
                {
                    Pack(values[literalStart..(i + pad)], bitWidth, output);
                }

                VarInt((ulong)(j - i - pad) << 1, output);
                for (var b = 0; b < (bitWidth + 7) / 8; b++)
                {
                    output.Add((byte)((uint)values[i] >> (8 * b)));
                }

                literalStart = j;
            }

            i = j;
        }

        if (literalStart < values.Length)
        {
            Pack(values[literalStart..], bitWidth, output);
        }

        return [.. output];
    }

    private static void Pack(int[] values, int bitWidth, List<byte> output)
    {
        var groups = (values.Length + 7) / 8;
        VarInt(((ulong)groups << 1) | 1, output);
        var bits = new bool[groups * 8 * bitWidth];
        for (var v = 0; v < values.Length; v++)
        {
            for (var b = 0; b < bitWidth; b++)
            {
                bits[(v * bitWidth) + b] = (((uint)values[v] >> b) & 1) != 0;
            }
        }

        for (var by = 0; by < bits.Length / 8; by++)
        {
            var value = 0;
            for (var b = 0; b < 8; b++)
            {
                value |= bits[(by * 8) + b] ? 1 << b : 0;
            }

            output.Add((byte)value);
        }
    }

    private static void VarInt(ulong value, List<byte> output)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }
}
