using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SmallCaps.Parquet.Reading;

namespace SmallCaps.Parquet.Encodings;

/// <summary>Unpacks little-endian, LSB-first bit-packed integers (the packing used by RLE hybrid runs and delta miniblocks).</summary>
internal static class BitPackedDecoder
{
    /// <summary>Bytes needed to hold <paramref name="count"/> values of <paramref name="bitWidth"/> bits.</summary>
    public static long BytesFor(long count, int bitWidth) => ((count * bitWidth) + 7) >> 3;

    /// <summary>Unpacks <c>dst.Length</c> values of 0..32 bits starting at bit <paramref name="firstBit"/> of <paramref name="src"/>.</summary>
    public static void Unpack32(ReadOnlySpan<byte> src, long firstBit, int bitWidth, Span<int> dst)
    {
        if ((uint)bitWidth > 32)
        {
            throw CorruptData.Error($"bit width {bitWidth} exceeds 32");
        }

        if (bitWidth == 0)
        {
            dst.Clear();
            return;
        }

        CheckLength(src, firstBit, bitWidth, dst.Length);
        var mask = (1UL << bitWidth) - 1;
        ref var start = ref MemoryMarshal.GetReference(src);
        var bit = firstBit;
        var i = 0;
        var fastLimit = (long)src.Length - 8;
        for (; i < dst.Length; i++, bit += bitWidth)
        {
            var byteOffset = bit >> 3;
            if (byteOffset > fastLimit)
            {
                break;
            }

            var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, (nint)byteOffset));
            dst[i] = unchecked((int)((word >> (int)(bit & 7)) & mask));
        }

        for (; i < dst.Length; i++, bit += bitWidth)
        {
            var word = ReadPadded(src, (int)(bit >> 3));
            dst[i] = unchecked((int)((word >> (int)(bit & 7)) & mask));
        }
    }

    /// <summary>Unpacks <c>dst.Length</c> values of 0..64 bits starting at bit <paramref name="firstBit"/>.</summary>
    public static void Unpack64(ReadOnlySpan<byte> src, long firstBit, int bitWidth, Span<long> dst)
    {
        if ((uint)bitWidth > 64)
        {
            throw CorruptData.Error($"bit width {bitWidth} exceeds 64");
        }

        if (bitWidth == 0)
        {
            dst.Clear();
            return;
        }

        CheckLength(src, firstBit, bitWidth, dst.Length);
        var mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        var bit = firstBit;
        for (var i = 0; i < dst.Length; i++, bit += bitWidth)
        {
            var byteOffset = (int)(bit >> 3);
            var shift = (int)(bit & 7);
            var word = ReadPadded(src, byteOffset) >> shift;
            if (shift + bitWidth > 64)
            {
                var next = byteOffset + 8 < src.Length ? (ulong)src[byteOffset + 8] : 0UL;
                word |= next << (64 - shift);
            }

            dst[i] = unchecked((long)(word & mask));
        }
    }

    private static void CheckLength(ReadOnlySpan<byte> src, long firstBit, int bitWidth, int count)
    {
        var lastBit = firstBit + ((long)count * bitWidth);
        if (firstBit < 0 || ((lastBit + 7) >> 3) > src.Length)
        {
            throw CorruptData.Error($"bit-packed run needs {(lastBit + 7) >> 3} bytes but only {src.Length} remain");
        }
    }

    private static ulong ReadPadded(ReadOnlySpan<byte> src, int offset)
    {
        if (offset + 8 <= src.Length)
        {
            return Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(src), offset));
        }

        ulong word = 0;
        for (int k = 0, n = src.Length - offset; k < n; k++)
        {
            word |= (ulong)src[offset + k] << (8 * k);
        }

        return word;
    }
}
