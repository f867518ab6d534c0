using SmallCaps.Parquet.Reading;

namespace SmallCaps.Parquet.Encodings;

/// <summary>Decodes DELTA_BYTE_ARRAY (incremental/front coding): prefix lengths, then DELTA_LENGTH suffixes.</summary>
internal static class DeltaByteArrayDecoder
{
    /// <summary>Cap on the reconstructed bytes of one page: prefixes could otherwise expand quadratically.</summary>
    public const long MaxExpandedBytes = 512L * 1024 * 1024;

    /// <summary>Decodes up to <paramref name="maxValues"/> values.</summary>
    public static byte[][] Decode(ReadOnlySpan<byte> src, int maxValues)
    {
        var prefixes = DeltaBinaryPackedDecoder.Decode(src, maxValues, out var pos);
        var suffixes = DeltaLengthByteArrayDecoder.Decode(src[pos..], maxValues, out _);
        if (suffixes.Length != prefixes.Length)
        {
            throw CorruptData.Error($"DELTA_BYTE_ARRAY has {prefixes.Length} prefixes but {suffixes.Length} suffixes");
        }

        var result = new byte[prefixes.Length][];
        byte[] previous = [];
        long expanded = 0;
        for (var i = 0; i < prefixes.Length; i++)
        {
            var prefix = prefixes[i];
            if (prefix < 0 || prefix > previous.Length)
            {
                throw CorruptData.Error($"DELTA_BYTE_ARRAY value {i} prefix {prefix} exceeds the previous value's {previous.Length} bytes");
            }

            var suffix = suffixes[i];
            expanded += prefix + suffix.Length;
            if (expanded > MaxExpandedBytes)
            {
                throw CorruptData.Error("DELTA_BYTE_ARRAY expands beyond 512 MiB in one page");
            }

            byte[] value;
            if (prefix == 0)
            {
                value = suffix;
            }
            else
            {
                value = new byte[prefix + suffix.Length];
                previous.AsSpan(0, (int)prefix).CopyTo(value);
                suffix.CopyTo(value.AsSpan((int)prefix));
            }

            result[i] = value;
            previous = value;
        }

        return result;
    }
}
