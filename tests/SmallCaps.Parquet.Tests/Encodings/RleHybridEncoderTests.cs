using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Tests.Encodings;

public sealed class RleHybridEncoderTests
{
    private static byte[] Encode(int[] values, int bitWidth)
    {
        using var buffer = new ByteBuffer();
        RleHybridEncoder.Encode<int>(values, bitWidth, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Encode_EightEqualValues_IsOneRleRun()
    {
        Assert.Equal(new byte[] { 0x10, 0x01 }, Encode([1, 1, 1, 1, 1, 1, 1, 1], 1));
    }

    [Fact]
    public void Encode_SpecExampleZeroToSeven_BitPacksLsbFirst()
    {
        // Encodings.md: 0..7 with bit width 3 packs to 10001000 11000110 11111010.
        Assert.Equal(new byte[] { 0x03, 0x88, 0xC6, 0xFA }, Encode([0, 1, 2, 3, 4, 5, 6, 7], 3));
    }

    [Fact]
    public void Encode_ShortTail_PadsLastGroupToEightValues()
    {
        // Given three values of width 3: one group of 8 (3 bytes), the 5 missing values are zero
        Assert.Equal(new byte[] { 0x03, 0xFF, 0x01, 0x00 }, Encode([7, 7, 7], 3));
        Assert.Equal(new byte[] { 0x03, 0x03 }, Encode([1, 1, 0], 1));
    }

    [Fact]
    public void Encode_LiteralsThenRun_LiteralGroupThenRleRun()
    {
        Assert.Equal(new byte[] { 0x03, 0xD1, 0x58, 0x1F, 0x14, 0x05 }, Encode([1, 2, 3, 4, 5, 6, 7, 0, .. Enumerable.Repeat(5, 10)], 3));
    }

    [Fact]
    public void Encode_UnalignedLiteralsBeforeRun_BorrowsFromRunToFillGroup()
    {
        // 5 literals + 20 zeros: the literal group takes 3 zeros, the run keeps 17.
        Assert.Equal(new byte[] { 0x03, 0x0D, 0x22, 0x00 }, Encode([1, 0, 1, 1, 0, .. new int[20]], 1));
    }

    [Fact]
    public void Encode_WideValues_RunValueUsesWholeBytes()
    {
        // Width 9 needs 2 bytes for an RLE value, little-endian.
        Assert.Equal(new byte[] { 0x12, 0x2C, 0x01 }, Encode([.. Enumerable.Repeat(300, 9)], 9));
    }

    [Fact]
    public void Encode_EmptyInput_WritesNothing()
    {
        Assert.Empty(Encode([], 1));
    }
}
