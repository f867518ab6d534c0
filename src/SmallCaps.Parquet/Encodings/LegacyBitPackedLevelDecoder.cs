using SmallCaps.Parquet.Reading;

namespace SmallCaps.Parquet.Encodings;

/// <summary>
/// Decodes the deprecated BIT_PACKED level encoding (old parquet-mr): values packed from the most
/// significant bit of each byte, no length prefix, exactly <c>ceil(count * width / 8)</c> bytes.
/// </summary>
internal static class LegacyBitPackedLevelDecoder
{
    /// <summary>Fills <paramref name="output"/>; returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if ((uint)bitWidth > 32)
        {
            throw CorruptData.Error($"BIT_PACKED level width {bitWidth} exceeds 32");
        }

        var bytes = BitPackedDecoder.BytesFor(output.Length, bitWidth);
        if (bytes > data.Length)
        {
            throw CorruptData.Error($"BIT_PACKED levels need {bytes} bytes, {data.Length} remain");
        }

        long bit = 0;
        for (var i = 0; i < output.Length; i++)
        {
            uint value = 0;
            for (var b = 0; b < bitWidth; b++, bit++)
            {
                value = (value << 1) | (uint)((data[(int)(bit >> 3)] >> (7 - (int)(bit & 7))) & 1);
            }

            output[i] = unchecked((int)value);
        }

        return (int)bytes;
    }
}
