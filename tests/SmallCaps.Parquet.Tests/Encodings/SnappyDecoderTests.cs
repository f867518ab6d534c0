using SmallCaps.Parquet.Encodings;
using static SmallCaps.Parquet.Tests.Encodings.DecoderTestEncoders;

namespace SmallCaps.Parquet.Tests.Encodings;

public sealed class SnappyDecoderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(70_000)]
    [InlineData(1_000_000)]
    public void Decode_LibraryEncodedData_RoundTrips(int size)
    {
        // Given compressible doubles mixed with runs (exercises literals, short and long copies, overlaps)
        var random = new Random(size);
        var data = new byte[size];
        for (var i = 0; i + 8 <= size; i += 8)
        {
            BitConverter.GetBytes(random.Next(3) == 0 ? 1.0 : Math.Round(random.NextDouble(), 2)).CopyTo(data, i);
        }

        var compressed = IronSnappy.Snappy.Encode(data);
        var output = new byte[size];

        // When
        SnappyDecoder.Decode(compressed, output);

        // Then
        Assert.Equal(data, output);
    }

    [Fact]
    public void Decode_OverlappingCopy_RepeatsPattern()
    {
        // Given preamble 10, literal "ab", copy offset 2 length 8 (tag kind 2)
        byte[] block = [10, (1 << 2) | 0, (byte)'a', (byte)'b', ((8 - 1) << 2) | 2, 2, 0];
        var output = new byte[10];

        // When
        SnappyDecoder.Decode(block, output);

        // Then
        Assert.Equal("ababababab"u8.ToArray(), output);
    }

    [Fact]
    public void Decode_DeclaredLengthMismatch_ThrowsCorrupt()
    {
        var compressed = IronSnappy.Snappy.Encode(new byte[100]);
        AssertCorrupt(() => SnappyDecoder.Decode(compressed, new byte[99]));
    }

    [Fact]
    public void Decode_OffsetBeforeStart_ThrowsCorrupt()
    {
        AssertCorrupt(() => SnappyDecoder.Decode([10, (1 << 2) | 0, (byte)'a', (byte)'b', ((8 - 1) << 2) | 2, 9, 0], new byte[10]));
    }

    [Fact]
    public void Decode_ZeroOffset_ThrowsCorrupt()
    {
        AssertCorrupt(() => SnappyDecoder.Decode([10, (1 << 2) | 0, (byte)'a', (byte)'b', ((8 - 1) << 2) | 2, 0, 0], new byte[10]));
    }

    [Fact]
    public void Decode_LiteralPastInput_ThrowsCorrupt()
    {
        AssertCorrupt(() => SnappyDecoder.Decode([10, (9 << 2) | 0, (byte)'a'], new byte[10]));
    }

    [Fact]
    public void Decode_OutputShort_ThrowsCorrupt()
    {
        AssertCorrupt(() => SnappyDecoder.Decode([10, (1 << 2) | 0, (byte)'a', (byte)'b'], new byte[10]));
    }

    [Fact]
    public void Decode_RandomDamage_OnlyCorruptOrSuccess()
    {
        // Given a valid block damaged at seeded positions
        var data = new byte[5000];
        new Random(3).NextBytes(data.AsSpan(0, 2500));
        var compressed = IronSnappy.Snappy.Encode(data);
        var random = new Random(5);
        for (var round = 0; round < 500; round++)
        {
            var damaged = (byte[])compressed.Clone();
            damaged[random.Next(damaged.Length)] = (byte)random.Next(256);

            // When
            var ex = Record.Exception(() => SnappyDecoder.Decode(damaged, new byte[data.Length]));

            // Then
            Assert.True(ex is null or ParquetFormatException, ex?.ToString());
        }
    }
}
