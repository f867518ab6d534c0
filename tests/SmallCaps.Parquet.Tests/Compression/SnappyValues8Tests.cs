using System.Runtime.InteropServices;
using SmallCaps.Parquet.Compression;
using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Tests.Compression;

/// <summary>The Snappy search that probes only at 8-byte value starts (PLAIN pages of doubles and longs).</summary>
public sealed class SnappyValues8Tests
{
    [Fact]
    public void CompressValues8_PricePagesAtEveryValueOffset_DecodeBackWithBothDecoders()
    {
        // Given page bodies of 4-decimal prices (repeats, shared fractions, NaN, zeros) behind 0-40 bytes of levels, short and long
        var rng = new Random(11);
        foreach (var valueCount in new[] { 0, 1, 2, 3, 4, 5, 7, 100, 8191, 8192, 8193, 20_000 })
        {
            foreach (var valuesAt in new[] { 0, 1, 5, 8, 13, 40 })
            {
                var body = PageBody(rng, valuesAt, valueCount);

                // When / Then
                AssertRoundTrip(body, valuesAt);
            }
        }
    }

    [Fact]
    public void CompressValues8_ValuesStartInLaterBlock_DecodesBack()
    {
        // Given a body whose levels run past the first 64 KiB block (values start mid second block)
        var rng = new Random(3);
        var body = PageBody(rng, 70_001, 9_000);

        // When / Then
        AssertRoundTrip(body, 70_001);
    }

    [Fact]
    public void CompressValues8_RandomBytesAndLongRuns_DecodeBack()
    {
        // Given incompressible bytes, one long run of a single value, and long repeats of earlier stretches
        var rng = new Random(9);
        var random = new byte[100_000];
        rng.NextBytes(random);
        var run = MemoryMarshal.AsBytes(Enumerable.Repeat(1.5, 30_000).ToArray().AsSpan()).ToArray();
        var repeats = new byte[90_000];
        rng.NextBytes(repeats.AsSpan(0, 3_000));
        for (var i = 3_000; i < repeats.Length; i++)
        {
            repeats[i] = repeats[i - 2_999];
        }

        // When / Then
        AssertRoundTrip(random, 0);
        AssertRoundTrip(run, 4);
        AssertRoundTrip(repeats, 0);
    }

    [Fact]
    public void CompressValues8_BarPricePages_NotLargerThanGeneralSearch()
    {
        // Given pages of 8,192 volume-weighted prices rounded to 4 decimals around $2-$6 (the bar files' vw column)
        var rng = new Random(21);
        long general = 0;
        long values8 = 0;
        for (var page = 0; page < 8; page++)
        {
            var body = PageBody(rng, 0, 8192);

            // When
            using var a = new ByteBuffer(1 << 16);
            SnappyBlockEncoder.Compress(body, a);
            using var b = new ByteBuffer(1 << 16);
            SnappyBlockEncoder.CompressValues8(body, 0, b);
            general += a.Length;
            values8 += b.Length;
        }

        // Then
        Assert.True(values8 <= general, $"value-start search {values8} bytes, general {general}");
        Assert.True(values8 < 8 * 8192 * 8, "the prices compress at all");
    }

    private static void AssertRoundTrip(byte[] input, int valuesAt)
    {
        using var buffer = new ByteBuffer(8);
        buffer.Write([0xEE]);
        SnappyBlockEncoder.CompressValues8(input, valuesAt, buffer);
        var compressed = buffer.WrittenSpan[1..];
        Assert.True(compressed.Length <= SnappyBlockEncoder.MaxCompressedLength(input.Length), $"{compressed.Length} bytes for {input.Length}");
        Assert.Equal(input, IronSnappy.Snappy.Decode(compressed));
        var decoded = new byte[input.Length];
        SnappyDecoder.Decode(compressed, decoded);
        Assert.Equal(input, decoded);
        Assert.Equal(0xEE, buffer.WrittenSpan[0]);
    }

    /// <summary><paramref name="valuesAt"/> bytes of level-like runs, then 4-decimal prices drifting around $2-$6 with repeats.</summary>
    private static byte[] PageBody(Random rng, int valuesAt, int valueCount)
    {
        var body = new byte[valuesAt + (valueCount * 8)];
        for (var i = 0; i < valuesAt; i++)
        {
            body[i] = (byte)(i % 7 == 0 ? rng.Next(256) : 1);
        }

        var values = MemoryMarshal.Cast<byte, double>(body.AsSpan(valuesAt));
        var price = 3.0;
        for (var i = 0; i < values.Length; i++)
        {
            price = Math.Clamp(price + ((rng.NextDouble() - 0.5) * 0.01), 2.0, 6.0);
            values[i] = (i % 97) switch
            {
                5 => double.NaN,
                6 => 0.0,
                7 when i > 20 => values[i - 20],
                _ => Math.Round(price, 4),
            };
        }

        return body;
    }
}
