using SmallCaps.Parquet.Encodings;
using static SmallCaps.Parquet.Tests.Encodings.DecoderTestEncoders;

namespace SmallCaps.Parquet.Tests.Encodings;

public sealed class BitPackedDecoderTests
{
    [Fact]
    public void Unpack32_SpecExample_YieldsZeroToSeven()
    {
        // Given the spec's example: 0..7 packed in 3 bits
        byte[] packed = [0x88, 0xC6, 0xFA];
        var output = new int[8];

        // When
        BitPackedDecoder.Unpack32(packed, 0, 3, output);

        // Then
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(13)]
    [InlineData(17)]
    [InlineData(31)]
    [InlineData(32)]
    public void Unpack32_RandomValues_RoundTripIncludingTail(int bitWidth)
    {
        // Given random values packed by the reference encoder (short buffers exercise the padded tail path)
        var random = new Random(bitWidth);
        var values = Enumerable.Range(0, 203).Select(_ => (ulong)random.NextInt64(0, 1L << bitWidth)).ToList();
        var packed = BitPack(values, bitWidth);
        var output = new int[values.Count];

        // When
        BitPackedDecoder.Unpack32(packed, 0, bitWidth, output);

        // Then
        Assert.Equal(values.Select(v => unchecked((int)(uint)v)), output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(57)]
    [InlineData(63)]
    [InlineData(64)]
    public void Unpack64_WideValues_RoundTrip(int bitWidth)
    {
        // Given
        var random = new Random(bitWidth);
        var values = Enumerable.Range(0, 77).Select(_ => ((((ulong)random.NextInt64()) << 1) | 1) >> (64 - bitWidth)).ToList();
        var packed = BitPack(values, bitWidth);
        var output = new long[values.Count];

        // When
        BitPackedDecoder.Unpack64(packed, 0, bitWidth, output);

        // Then
        Assert.Equal(values.Select(v => unchecked((long)v)), output);
    }

    [Fact]
    public void Unpack32_TooFewBytes_ThrowsCorrupt()
    {
        AssertCorrupt(() => BitPackedDecoder.Unpack32(new byte[2], 0, 3, new int[8]));
    }

    [Fact]
    public void Unpack32_WidthAbove32_ThrowsCorrupt()
    {
        AssertCorrupt(() => BitPackedDecoder.Unpack32(new byte[100], 0, 33, new int[8]));
    }
}
