using SmallCaps.Parquet.Reading;

namespace SmallCaps.Parquet.Encodings;

/// <summary>Decodes DELTA_BINARY_PACKED streams (INT32 and INT64; arithmetic wraps as the spec requires).</summary>
internal static class DeltaBinaryPackedDecoder
{
    /// <summary>Decodes a whole stream whose header count may not exceed <paramref name="maxValues"/>.</summary>
    /// <param name="src">Bytes starting at the stream header.</param>
    /// <param name="maxValues">Upper bound from the page header, so a hostile count cannot force a giant allocation.</param>
    /// <param name="consumed">Bytes the stream occupies, for encodings that follow it with more data.</param>
    public static long[] Decode(ReadOnlySpan<byte> src, int maxValues, out int consumed)
    {
        var pos = 0;
        var blockSize = VarIntReader.ReadUleb128Int32(src, ref pos, "delta block size");
        var miniblocks = VarIntReader.ReadUleb128Int32(src, ref pos, "delta miniblock count");
        var total = VarIntReader.ReadUleb128Int32(src, ref pos, "delta value count");
        var first = VarIntReader.ReadZigZag(src, ref pos);
        if (blockSize <= 0 || blockSize % 128 != 0 || miniblocks <= 0 || blockSize % miniblocks != 0 || (blockSize / miniblocks) % 32 != 0)
        {
            throw CorruptData.Error($"delta header has invalid block size {blockSize} / miniblocks {miniblocks}");
        }

        if (total > maxValues)
        {
            throw CorruptData.Error($"delta stream claims {total} values, at most {maxValues} expected");
        }

        var values = new long[total];
        if (total == 0)
        {
            consumed = pos;
            return values;
        }

        values[0] = first;
        var perMiniblock = blockSize / miniblocks;
        var filled = 1;
        var previous = first;
        while (filled < total)
        {
            var minDelta = VarIntReader.ReadZigZag(src, ref pos);
            if (miniblocks > src.Length - pos)
            {
                throw CorruptData.Error("delta block bit widths are truncated");
            }

            var widths = src.Slice(pos, miniblocks);
            pos += miniblocks;
            for (var m = 0; m < miniblocks && filled < total; m++)
            {
                int width = widths[m];
                if (width > 64)
                {
                    throw CorruptData.Error($"delta miniblock bit width {width} exceeds 64");
                }

                var n = Math.Min(perMiniblock, total - filled);
                var output = values.AsSpan(filled, n);
                BitPackedDecoder.Unpack64(src[pos..], 0, width, output);
                unchecked
                {
                    for (var i = 0; i < output.Length; i++)
                    {
                        previous = previous + minDelta + output[i];
                        output[i] = previous;
                    }
                }

                filled += n;
                var fullBytes = (long)perMiniblock * width / 8;

                // The final miniblock is padded to full size by the spec; tolerate writers that stop at the last value.
                pos = (int)Math.Min(pos + fullBytes, src.Length);
            }
        }

        consumed = pos;
        return values;
    }
}
