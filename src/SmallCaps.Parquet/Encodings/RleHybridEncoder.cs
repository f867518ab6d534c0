using System.Buffers;
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
/// Runs are found from a bitmap of equal neighbours built a vector at a time: 7 equal pairs in a row start a run,
/// so pages without runs (most dictionary indices of prices) cost one compare pass and the bit packing.
/// The scanning and packing loops run unchecked (positions stay within a page, shifts within a word): the overflow checks
/// the project builds with put a branch after every index step and cost 13% of encoding a page of indices.
/// </summary>
[SkipLocalsInit] // Stack scratch (hash table, bitmaps, deltas) is cleared where it is used; zeroing it twice cost a memset per page.
internal static class RleHybridEncoder
{
    // Values whose neighbour bitmap fits on the stack (a 64 KiB page of levels or indices).
    private const int StackWords = 1024;

    public static void Encode<T>(ReadOnlySpan<T> values, int bitWidth, ByteBuffer output)
        where T : unmanaged, IBinaryInteger<T>
    {
        var n = values.Length;
        if (n == 0)
        {
            return;
        }

        // One spare zero word: run checks read the word after the current one.
        var wordCount = ((n + 63) >> 6) + 1;
        ulong[]? rented = null;
        var equal = wordCount <= StackWords ? stackalloc ulong[wordCount] : (rented = ArrayPool<ulong>.Shared.Rent(wordCount)).AsSpan(0, wordCount);
        try
        {
            EqualNeighbours(values, equal);
            var literalStart = 0;
            var at = 0;
            while (true)
            {
                var start = NextRunStart(equal, at, n);
                if (start < 0)
                {
                    break;
                }

                // The segment of equal values is [start, end]: its last equal pair is just before the first unequal one.
                var end = NextUnequal(equal, start);
                var run = end + 1 - start;

                // Pending literals must end on a multiple of 8, so borrow values from the run to pad them; when that
                // leaves under 8, the whole segment stays literal.
                var literals = start - literalStart;
                var pad = (8 - (literals & 7)) & 7;
                if (run - pad >= 8)
                {
                    if (literals + pad > 0)
                    {
                        WriteBitPacked(values.Slice(literalStart, literals + pad), bitWidth, output);
                    }

                    WriteRun(uint.CreateTruncating(values[start]), run - pad, bitWidth, output);
                    literalStart = end + 1;
                }

                at = end + 1;
            }

            if (literalStart < n)
            {
                WriteBitPacked(values[literalStart..], bitWidth, output);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Bit i of <paramref name="equal"/>: values[i] == values[i + 1] (bits from n - 1 on stay 0).</summary>
    private static void EqualNeighbours<T>(ReadOnlySpan<T> values, Span<ulong> equal)
        where T : unmanaged, IBinaryInteger<T>
    {
        unchecked
        {
            equal.Clear();
            var n = values.Length;
            ref var first = ref MemoryMarshal.GetReference(values);
            ref var words = ref MemoryMarshal.GetReference(equal);
            var i = 0;
            if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
            {
                // Lanes divide 64, so a vector's bits never straddle two words. Whole words are built in a register and stored
                // once (or-ing each vector's bits into memory chained every step on the previous store).
                var lanes = Vector256<T>.Count;
                for (; i + 64 < n; i += 64)
                {
                    ulong word = 0;
                    for (var k = 0; k < 64; k += lanes)
                    {
                        var at = (nuint)(i + k);
                        word |= (ulong)Vector256.Equals(Vector256.LoadUnsafe(ref first, at), Vector256.LoadUnsafe(ref first, at + 1)).ExtractMostSignificantBits() << k;
                    }

                    Unsafe.Add(ref words, i >> 6) = word;
                }

                for (; i + lanes < n; i += lanes)
                {
                    var bits = Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)i), Vector256.LoadUnsafe(ref first, (nuint)(i + 1))).ExtractMostSignificantBits();
                    Unsafe.Add(ref words, i >> 6) |= (ulong)bits << (i & 63);
                }
            }

            for (; i + 1 < n; i++)
            {
                if (Unsafe.Add(ref first, i) == Unsafe.Add(ref first, i + 1))
                {
                    Unsafe.Add(ref words, i >> 6) |= 1UL << (i & 63);
                }
            }
        }
    }

    /// <summary>The first position at or after <paramref name="from"/> where 8 equal values start (7 equal pairs), or -1.</summary>
    private static int NextRunStart(ReadOnlySpan<ulong> equal, int from, int n)
    {
        unchecked
        {
            var k = from >> 6;
            var last = (n - 1) >> 6;
            var mask = ~0UL << (from & 63);
            for (; k <= last; k++)
            {
                var w = equal[k];
                if (w != 0)
                {
                    // Pairs i..i+6 all equal, reading on into the next word.
                    var next = equal[k + 1];
                    var r = w & ((w >> 1) | (next << 63)) & ((w >> 2) | (next << 62)) & ((w >> 3) | (next << 61))
                        & ((w >> 4) | (next << 60)) & ((w >> 5) | (next << 59)) & ((w >> 6) | (next << 58));
                    r &= mask;
                    if (r != 0)
                    {
                        return (k << 6) + BitOperations.TrailingZeroCount(r);
                    }
                }

                mask = ~0UL;
            }

            return -1;
        }
    }

    /// <summary>The first position at or after <paramref name="from"/> whose value differs from the next one (or the last position).</summary>
    private static int NextUnequal(ReadOnlySpan<ulong> equal, int from)
    {
        unchecked
        {
            var k = from >> 6;
            var z = ~equal[k] & (~0UL << (from & 63));
            while (z == 0)
            {
                z = ~equal[++k];
            }

            return (k << 6) + BitOperations.TrailingZeroCount(z);
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
        unchecked
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
    }

    /// <summary>
    /// Widths up to 16 (dictionary indices of up to 65,536 entries, levels): each group of 8 values is built as two 4-value
    /// words and stored with 8-byte writes that run past the group (slack the next group overwrites), no per-value branch.
    /// </summary>
    private static void WriteGroupsUpTo16Bits<T>(ReadOnlySpan<T> values, int bitWidth, ByteBuffer output, int byteCount)
        where T : unmanaged, IBinaryInteger<T>
    {
        unchecked
        {
            var span = output.GetSpan(byteCount + 16);
            ref var dst = ref MemoryMarshal.GetReference(span);
            ref var src = ref MemoryMarshal.GetReference(values);
            var full = values.Length & ~7;
            var pos = 0;
            var g = 0;
            if (typeof(T) == typeof(int) && Vector256.IsHardwareAccelerated)
            {
                pos = WriteIntGroupsVectorised(ref Unsafe.As<T, int>(ref src), full, bitWidth, ref dst);
                g = full;
            }

            for (; g < full; g += 8)
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
    }

    /// <summary>
    /// Groups of 8 int values of at most 16 bits, a vector at a time: the 4 pairs join in 64-bit lanes (odd value shifted up by
    /// the width), then neighbouring lanes join (one lane shuffle), leaving the group's two 4-value words for the same stores
    /// as <see cref="WriteGroup"/>. Returns the bytes written (bitWidth per group).
    /// </summary>
    private static int WriteIntGroupsVectorised(ref int src, int count, int bitWidth, ref byte dst)
    {
        unchecked
        {
            var low32 = Vector256.Create(0xFFFF_FFFFUL);
            var half = 4 * bitWidth;
            var pos = 0;
            for (var g = 0; g < count; g += 8)
            {
                var lanes = Vector256.LoadUnsafe(ref src, (nuint)g).AsUInt64();

                // Lane k: value 2k | value 2k+1 << width; then lanes 0 and 2: lane | next lane << 2 × width.
                var pairs = (lanes & low32) | (Vector256.ShiftRightLogical(lanes, 32) << bitWidth);
                var quads = pairs | (Vector256.Shuffle(pairs, Vector256.Create(1UL, 1, 3, 3)) << (2 * bitWidth));
                var lo = quads.GetElement(0);
                var hi = quads.GetElement(2);
                ref var at = ref Unsafe.Add(ref dst, pos);
                if (half == 64)
                {
                    Unsafe.WriteUnaligned(ref at, lo);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, 8), hi);
                }
                else
                {
                    Unsafe.WriteUnaligned(ref at, lo | (hi << half));
                    if (half > 32)
                    {
                        Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, 8), hi >> (64 - half));
                    }
                }

                pos += bitWidth;
            }

            return pos;
        }
    }

    /// <summary>Packs 8 values of at most 16 bits at <paramref name="dst"/>, writing up to 16 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteGroup<T>(ref T group, int bitWidth, ref byte dst)
        where T : unmanaged, IBinaryInteger<T>
    {
        unchecked
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
}
