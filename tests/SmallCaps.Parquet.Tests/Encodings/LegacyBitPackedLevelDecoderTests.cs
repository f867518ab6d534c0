using SmallCaps.Parquet.Encodings;
using static SmallCaps.Parquet.Tests.Encodings.DecoderTestEncoders;

namespace SmallCaps.Parquet.Tests.Encodings;

public sealed class LegacyBitPackedLevelDecoderTests
{
    [Fact]
    public void Decode_SpecExample_MostSignificantBitFirst()
    {
        // Given the spec's deprecated BIT_PACKED example: 0..7 in 3 bits = 00000101 00111001 01110111
        byte[] data = [0x05, 0x39, 0x77, 0xEE];
        var output = new int[8];

        // When
        var consumed = LegacyBitPackedLevelDecoder.Decode(data, 3, output);

        // Then
        Assert.Equal(3, consumed);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], output);
    }

    [Fact]
    public void Decode_Truncated_ThrowsCorrupt()
    {
        AssertCorrupt(() => LegacyBitPackedLevelDecoder.Decode([0x05, 0x39], 3, new int[8]));
    }
}
