using SmallCaps.Parquet.Reading;

namespace SmallCaps.Parquet.Encodings;

/// <summary>Decodes DELTA_LENGTH_BYTE_ARRAY: delta-packed lengths, then the concatenated bytes.</summary>
internal static class DeltaLengthByteArrayDecoder
{
    /// <summary>Decodes up to <paramref name="maxValues"/> byte arrays; returns them and the bytes consumed.</summary>
    public static byte[][] Decode(ReadOnlySpan<byte> src, int maxValues, out int consumed)
    {
        var lengths = DeltaBinaryPackedDecoder.Decode(src, maxValues, out var pos);
        var result = new byte[lengths.Length][];
        for (var i = 0; i < lengths.Length; i++)
        {
            var length = lengths[i];
            if (length < 0 || length > src.Length - pos)
            {
                throw CorruptData.Error($"DELTA_LENGTH_BYTE_ARRAY value {i} has length {length}, {src.Length - pos} bytes remain");
            }

            result[i] = length == 0 ? [] : src.Slice(pos, (int)length).ToArray();
            pos += (int)length;
        }

        consumed = pos;
        return result;
    }
}
