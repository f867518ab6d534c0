using System.Numerics;
using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Reading;

/// <summary>Decodes repetition/definition levels of a data page and rejects levels above the column's maximum.</summary>
internal static class LevelDecoder
{
    /// <summary>V1 levels: RLE with a 4-byte length prefix, or the deprecated BIT_PACKED; returns the bytes consumed.</summary>
    public static int ReadV1(ParquetEncoding encoding, ReadOnlySpan<byte> page, int count, int maxLevel, Span<int> output)
    {
        if (encoding == ParquetEncoding.BitPacked)
        {
            var consumed = LegacyBitPackedLevelDecoder.Decode(page, BitWidth(maxLevel), output[..count]);
            Check(output[..count], maxLevel);
            return consumed;
        }

        if (encoding != ParquetEncoding.Rle)
        {
            throw CorruptData.Error($"levels encoded with {EncodingNames.Of(encoding)} are not supported (only RLE and BIT_PACKED)");
        }

        var decoder = RleBitPackedHybridDecoder.WithLengthPrefix(page, BitWidth(maxLevel), out var total);
        decoder.Decode(output[..count]);
        Check(output[..count], maxLevel);
        return total;
    }

    public static void DecodeV2(ReadOnlySpan<byte> data, int count, int maxLevel, Span<int> output)
    {
        new RleBitPackedHybridDecoder(data, BitWidth(maxLevel)).Decode(output[..count]);
        Check(output[..count], maxLevel);
    }

    private static void Check(ReadOnlySpan<int> levels, int maxLevel)
    {
        foreach (var level in levels)
        {
            if ((uint)level > (uint)maxLevel)
            {
                throw CorruptData.Error($"level {level} exceeds the column's maximum {maxLevel}");
            }
        }
    }

    public static int BitWidth(int maxLevel) => 32 - BitOperations.LeadingZeroCount((uint)maxLevel);
}
