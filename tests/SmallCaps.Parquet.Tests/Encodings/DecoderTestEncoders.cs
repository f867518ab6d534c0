namespace SmallCaps.Parquet.Tests.Encodings;

/// <summary>Minimal reference encoders used only to feed the decoders in tests.</summary>
internal static class DecoderTestEncoders
{
    public static void AssertCorrupt(Action action)
    {
        var ex = Record.Exception(action);
        Assert.NotNull(ex);
        Assert.IsType<ParquetFormatException>(ex);
    }

    public static void WriteUleb(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }

    public static void WriteZigZag(List<byte> output, long value) => WriteUleb(output, unchecked((ulong)((value << 1) ^ (value >> 63))));

    public static byte[] BitPack(IReadOnlyList<ulong> values, int bitWidth)
    {
        var bytes = new byte[((values.Count * bitWidth) + 7) / 8];
        long bit = 0;
        foreach (var v in values)
        {
            for (var b = 0; b < bitWidth; b++, bit++)
            {
                if (((v >> b) & 1) != 0)
                {
                    bytes[bit >> 3] |= (byte)(1 << (int)(bit & 7));
                }
            }
        }

        return bytes;
    }

    /// <summary>DELTA_BINARY_PACKED with the given block layout; pads the last miniblock like the spec.</summary>
    public static byte[] DeltaBinaryPacked(IReadOnlyList<long> values, int blockSize = 128, int miniblocks = 4)
    {
        var output = new List<byte>();
        WriteUleb(output, (ulong)blockSize);
        WriteUleb(output, (ulong)miniblocks);
        WriteUleb(output, (ulong)values.Count);
        WriteZigZag(output, values.Count == 0 ? 0 : values[0]);
        var perMini = blockSize / miniblocks;
        for (var start = 1; start < values.Count; start += blockSize)
        {
            var n = Math.Min(blockSize, values.Count - start);
            var deltas = new long[n];
            for (var i = 0; i < n; i++)
            {
                deltas[i] = unchecked(values[start + i] - values[start + i - 1]);
            }

            var min = deltas.Min();
            WriteZigZag(output, min);
            var packed = new List<byte[]>();
            var widths = new byte[miniblocks];
            for (var m = 0; m < miniblocks; m++)
            {
                var slice = deltas.Skip(m * perMini).Take(perMini).Select(d => unchecked((ulong)(d - min))).ToList();
                if (slice.Count == 0)
                {
                    continue;
                }

                var max = slice.Max();
                var width = max == 0 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount(max);
                widths[m] = (byte)width;
                while (slice.Count < perMini)
                {
                    slice.Add(0);
                }

                packed.Add(BitPack(slice, width));
            }

            output.AddRange(widths);
            foreach (var p in packed)
            {
                output.AddRange(p);
            }
        }

        return [.. output];
    }
}
