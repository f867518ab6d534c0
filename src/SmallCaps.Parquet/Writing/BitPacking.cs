using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SmallCaps.Parquet.Writing;

/// <summary>PLAIN booleans: one bit per value, least significant bit first, eight values per step.</summary>
internal static class BitPacking
{
    /// <summary>Packs <paramref name="values"/> into <paramref name="output"/> ((n + 7) / 8 bytes); tells whether any value was true and any false.</summary>
    public static (bool AnyTrue, bool AnyFalse) PackBooleans(ReadOnlySpan<bool> values, Span<byte> output)
    {
        var bytes = MemoryMarshal.AsBytes(values);
        var full = values.Length / 8;
        var ones = 0;
        for (var g = 0; g < full; g++)
        {
            // Eight 0/1 bytes gather into one byte: the multiply moves byte k's bit to bit 56 + k.
            var eight = Unsafe.ReadUnaligned<ulong>(ref MemoryMarshal.GetReference(bytes.Slice(g * 8, 8))) & 0x0101_0101_0101_0101UL;
            var packed = (byte)(unchecked(eight * 0x0102_0408_1020_4080UL) >> 56);
            output[g] = packed;
            ones += System.Numerics.BitOperations.PopCount(packed);
        }

        if (full * 8 < values.Length)
        {
            byte last = 0;
            for (var i = full * 8; i < values.Length; i++)
            {
                if (values[i])
                {
                    last |= (byte)(1 << (i & 7));
                    ones++;
                }
            }

            output[full] = last;
        }

        return (ones > 0, ones < values.Length);
    }
}
