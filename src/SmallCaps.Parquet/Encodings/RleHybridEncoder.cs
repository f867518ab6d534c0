using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
        ref var first = ref MemoryMarshal.GetReference(values);
        while (i < n)
        {
            if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
            {
                // Literals (most dictionary indices of prices) are skipped a vector at a time, up to the next pair of equal values.
                var lanes = Vector256<T>.Count;
                while (i + lanes < n)
                {
                    var equal = Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)i), Vector256.LoadUnsafe(ref first, (nuint)(i + 1))).ExtractMostSignificantBits();
                    if (lanes == 8)
                    {
                        // Bit k: values[i + k] == values[i + k + 1]. A run of 8 starting in the window needs pair 6 or 7 equal;
                        // otherwise the window holds only literals and short repeats, which stay literals.
                        if ((equal & 0xC0) == 0)
                        {
                            i += 8;
                            continue;
                        }

                        // Resume where the streak of equal pairs reaching pair 6 or 7 starts: nothing before it can reach 8.
                        var unequalBelow = ~equal & 0x3F;
                        i += unequalBelow == 0 ? 0 : 32 - BitOperations.LeadingZeroCount(unequalBelow);
                        break;
                    }

                    if (equal != 0)
                    {
                        i += BitOperations.TrailingZeroCount(equal);
                        break;
                    }

                    i += lanes;
                }
            }

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
        if (bitWidth <= 16)
        {
            WriteGroupsUpTo16Bits(values, bitWidth, output, byteCount);
            return;
        }

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

    /// <summary>
    /// Widths up to 16 (dictionary indices of up to 65,536 entries, levels): each group of 8 values is built as two 4-value
    /// words and stored with 8-byte writes that run past the group (slack the next group overwrites), no per-value branch.
    /// </summary>
    private static void WriteGroupsUpTo16Bits<T>(ReadOnlySpan<T> values, int bitWidth, ByteBuffer output, int byteCount)
        where T : unmanaged, IBinaryInteger<T>
    {
        var span = output.GetSpan(byteCount + 16);
        ref var dst = ref MemoryMarshal.GetReference(span);
        ref var src = ref MemoryMarshal.GetReference(values);
        var full = values.Length & ~7;
        var pos = 0;
        for (var g = 0; g < full; g += 8)
        {
            WriteGroup(ref Unsafe.Add(ref src, g), bitWidth, ref Unsafe.Add(ref dst, pos));
            pos += bitWidth;
        }

        if (full < values.Length)
        {
            // The last, partial group is zero-padded to 8 values.
            Span<T> tail = stackalloc T[8];
            tail.Clear();
            values[full..].CopyTo(tail);
            WriteGroup(ref MemoryMarshal.GetReference(tail), bitWidth, ref Unsafe.Add(ref dst, pos));
        }

        output.Advance(byteCount);
    }

    /// <summary>Packs 8 values of at most 16 bits at <paramref name="dst"/>, writing up to 16 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteGroup<T>(ref T group, int bitWidth, ref byte dst)
        where T : unmanaged, IBinaryInteger<T>
    {
        var lo = ulong.CreateTruncating(group) | (ulong.CreateTruncating(Unsafe.Add(ref group, 1)) << bitWidth)
            | (ulong.CreateTruncating(Unsafe.Add(ref group, 2)) << (2 * bitWidth)) | (ulong.CreateTruncating(Unsafe.Add(ref group, 3)) << (3 * bitWidth));
        var hi = ulong.CreateTruncating(Unsafe.Add(ref group, 4)) | (ulong.CreateTruncating(Unsafe.Add(ref group, 5)) << bitWidth)
            | (ulong.CreateTruncating(Unsafe.Add(ref group, 6)) << (2 * bitWidth)) | (ulong.CreateTruncating(Unsafe.Add(ref group, 7)) << (3 * bitWidth));

        // The group is lo (4 × bitWidth bits) then hi: one word when 8 × bitWidth fits in 64 bits, else hi's rest in a second word.
        var half = 4 * bitWidth;
        if (half == 64)
        {
            Unsafe.WriteUnaligned(ref dst, lo);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, 8), hi);
            return;
        }

        Unsafe.WriteUnaligned(ref dst, lo | (hi << half));
        if (half > 32)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, 8), hi >> (64 - half));
        }
    }
}
