using System.Numerics;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Encodings;

/// <summary>
/// Writes the RLE / bit-packed hybrid encoding (levels and dictionary indices). Runs of 8 or more equal
/// values become RLE runs; everything else is bit-packed in groups of 8, the last group zero-padded
/// to a full 8 values as strict readers expect. No length prefix or bit-width byte: callers add those.
/// </summary>
internal static class RleHybridEncoder
{
    public static void Encode<T>(ReadOnlySpan<T> values, int bitWidth, ByteBuffer output)
        where T : unmanaged, IBinaryInteger<T>
    {
        var n = values.Length;
        var literalStart = 0;
        var i = 0;
        while (i < n)
        {
            var v = values[i];
            var j = i + 1;
            while (j < n && values[j] == v)
            {
                j++;
            }

            var run = j - i;
            if (run >= 8)
            {
                // Pending literals must end on a multiple of 8, so borrow values from the run to pad them.
                var literals = i - literalStart;
                var pad = (8 - (literals & 7)) & 7;
                if (run - pad >= 8)
                {
                    if (literals + pad > 0)
                    {
                        WriteBitPacked(values.Slice(literalStart, literals + pad), bitWidth, output);
                    }

                    WriteRun(uint.CreateTruncating(v), run - pad, bitWidth, output);
                    literalStart = j;
                }
            }

            i = j;
        }

        if (literalStart < n)
        {
            WriteBitPacked(values[literalStart..], bitWidth, output);
        }
    }

    /// <summary>Bits needed to store <paramref name="maxValue"/> (0 for 0).</summary>
    public static int BitWidth(uint maxValue) => 32 - BitOperations.LeadingZeroCount(maxValue);

    public static void WriteRun(uint value, int count, int bitWidth, ByteBuffer output)
    {
        output.WriteUnsignedVarInt((ulong)count << 1);
        var bytes = (bitWidth + 7) / 8;
        for (var b = 0; b < bytes; b++)
        {
            output.WriteByte(unchecked((byte)(value >> (8 * b))));
        }
    }

    public static void WriteBitPacked<T>(ReadOnlySpan<T> values, int bitWidth, ByteBuffer output)
        where T : unmanaged, IBinaryInteger<T>
    {
        var groups = (values.Length + 7) / 8;
        output.WriteUnsignedVarInt(((ulong)groups << 1) | 1);
        var byteCount = groups * bitWidth;
        var span = output.GetSpan(byteCount);
        var pos = 0;
        ulong acc = 0;
        var bits = 0;
        var total = groups * 8;
        for (var k = 0; k < total; k++)
        {
            var v = k < values.Length ? ulong.CreateTruncating(values[k]) : 0UL;
            acc |= v << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                span[pos++] = unchecked((byte)acc);
                acc >>= 8;
                bits -= 8;
            }
        }

        output.Advance(byteCount);
    }
}
