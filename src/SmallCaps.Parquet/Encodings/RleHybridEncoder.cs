using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
            if (i + 1 == n || values[i + 1] != v)
            {
                // A literal: the common case for dictionary indices, so it costs one comparison.
                i++;
                continue;
            }

            // A repeat: short ones (flat prices) end within 8 values; past that a vectorised scan finds the end.
            var j = i + 2;
            var shortEnd = Math.Min(n, i + 8);
            while (j < shortEnd && values[j] == v)
            {
                j++;
            }

            if (j == i + 8 && j < n)
            {
                var rest = values[j..].IndexOfAnyExcept(v);
                j = rest < 0 ? n : j + rest;
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
        var span = output.GetSpan(byteCount)[..byteCount];

        // Values go into a 64-bit accumulator and leave it 32 bits at a time (bitWidth <= 32, so nothing overflows).
        ref var dst = ref MemoryMarshal.GetReference(span);
        var pos = 0;
        ulong acc = 0;
        var bits = 0;
        foreach (var value in values)
        {
            acc |= ulong.CreateTruncating(value) << bits;
            bits += bitWidth;
            if (bits >= 32)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, pos), unchecked((uint)acc));
                pos += 4;
                acc >>= 32;
                bits -= 32;
            }
        }

        // The rest of the last group is zero padding: flush what is pending, then zeros.
        while (pos < byteCount)
        {
            span[pos++] = unchecked((byte)acc);
            acc >>= 8;
        }

        output.Advance(byteCount);
    }
}
