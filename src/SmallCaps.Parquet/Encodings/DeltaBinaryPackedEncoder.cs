using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Encodings;

/// <summary>
/// Writes DELTA_BINARY_PACKED (blocks of 128 values, 4 miniblocks of 32, as parquet-mr and arrow write it).
/// Deltas wrap in the column's own width (32 bits for INT32, 64 for INT64), so any input round-trips and an
/// INT32 miniblock never needs more than 32 bits; the last used miniblock is zero-padded to 32 values, unused
/// miniblocks of the last block get width 0 and no bytes.
/// </summary>
[SkipLocalsInit] // Stack scratch (hash table, bitmaps, deltas) is cleared where it is used; zeroing it twice cost a memset per page.
internal static class DeltaBinaryPackedEncoder
{
    public const int BlockSize = 128;
    public const int Miniblocks = 4;
    public const int MiniblockSize = BlockSize / Miniblocks;

    // Worst case of one block: a 10-byte min delta varint, 4 width bytes and 4 miniblocks of 32 values × 64 bits.
    private const int MaxBlockBytes = 10 + Miniblocks + (BlockSize * 8);

    /// <summary>Appends the encoded stream of <paramref name="values"/> to <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<long> values, ByteBuffer output)
    {
        WriteHeader(values.Length, values.IsEmpty ? 0 : values[0], output);
        if (values.Length <= 1)
        {
            return;
        }

        Span<ulong> deltas = stackalloc ulong[BlockSize];
        ref var src = ref MemoryMarshal.GetReference(values);
        ref var block = ref MemoryMarshal.GetReference(deltas);
        for (var start = 1; start < values.Length; start += BlockSize)
        {
            var n = Math.Min(BlockSize, values.Length - start);
            unchecked
            {
                // Deltas of this block and their minimum, in wrapping 64-bit arithmetic, a vector at a time.
                var i = 0;
                var min = long.MaxValue;
                if (Vector256.IsHardwareAccelerated && n >= Vector256<long>.Count)
                {
                    var vmin = Vector256.Create(long.MaxValue);
                    for (; i <= n - Vector256<long>.Count; i += Vector256<long>.Count)
                    {
                        var at = (nuint)(start + i);
                        var delta = Vector256.LoadUnsafe(ref src, at) - Vector256.LoadUnsafe(ref src, at - 1);
                        delta.AsUInt64().StoreUnsafe(ref block, (nuint)i);
                        vmin = Vector256.Min(vmin, delta);
                    }

                    for (var k = 0; k < Vector256<long>.Count; k++)
                    {
                        min = Math.Min(min, vmin.GetElement(k));
                    }
                }

                for (; i < n; i++)
                {
                    var delta = Unsafe.Add(ref src, start + i) - Unsafe.Add(ref src, start + i - 1);
                    Unsafe.Add(ref block, i) = (ulong)delta;
                    min = Math.Min(min, delta);
                }

                WriteBlock(min, deltas, n, output);
            }
        }
    }

    /// <summary>Appends the encoded stream of 32-bit <paramref name="values"/> (deltas wrap at 32 bits).</summary>
    public static void Encode(ReadOnlySpan<int> values, ByteBuffer output)
    {
        WriteHeader(values.Length, values.IsEmpty ? 0 : values[0], output);
        Span<ulong> deltas = stackalloc ulong[BlockSize];
        ref var src = ref MemoryMarshal.GetReference(values);
        ref var block = ref MemoryMarshal.GetReference(deltas);
        for (var start = 1; start < values.Length; start += BlockSize)
        {
            var n = Math.Min(BlockSize, values.Length - start);
            unchecked
            {
                // The minimum of the 32-bit deltas first, then each delta minus it as an unsigned 32-bit value.
                var min = int.MaxValue;
                var i = 0;
                var vectors = Vector256.IsHardwareAccelerated && n >= Vector256<int>.Count;
                if (vectors)
                {
                    var vmin = Vector256.Create(int.MaxValue);
                    for (; i <= n - Vector256<int>.Count; i += Vector256<int>.Count)
                    {
                        var at = (nuint)(start + i);
                        vmin = Vector256.Min(vmin, Vector256.LoadUnsafe(ref src, at) - Vector256.LoadUnsafe(ref src, at - 1));
                    }

                    for (var k = 0; k < Vector256<int>.Count; k++)
                    {
                        min = Math.Min(min, vmin.GetElement(k));
                    }
                }

                for (; i < n; i++)
                {
                    min = Math.Min(min, Unsafe.Add(ref src, start + i) - Unsafe.Add(ref src, start + i - 1));
                }

                i = 0;
                if (vectors)
                {
                    var vminimum = Vector256.Create(min);
                    for (; i <= n - Vector256<int>.Count; i += Vector256<int>.Count)
                    {
                        var at = (nuint)(start + i);
                        var delta = (Vector256.LoadUnsafe(ref src, at) - Vector256.LoadUnsafe(ref src, at - 1) - vminimum).AsUInt32();
                        var (lower, upper) = Vector256.Widen(delta);
                        lower.StoreUnsafe(ref block, (nuint)i);
                        upper.StoreUnsafe(ref block, (nuint)(i + Vector256<ulong>.Count));
                    }
                }

                for (; i < n; i++)
                {
                    Unsafe.Add(ref block, i) = (uint)(Unsafe.Add(ref src, start + i) - Unsafe.Add(ref src, start + i - 1) - min);
                }

                WriteBlock(min, deltas, n, output, subtracted: true);
            }
        }
    }

    private static void WriteHeader(int count, long first, ByteBuffer output)
    {
        output.WriteUnsignedVarInt(BlockSize);
        output.WriteUnsignedVarInt(Miniblocks);
        output.WriteUnsignedVarInt((ulong)count);
        output.WriteUnsignedVarInt(ZigZag(first));
    }

    /// <summary>One block: zigzag min delta, 4 width bytes, then the miniblocks that hold values (the last one padded).</summary>
    private static void WriteBlock(long minDelta, Span<ulong> deltas, int n, ByteBuffer output, bool subtracted = false)
    {
        var span = output.GetSpan(MaxBlockBytes);
        ref var dst = ref MemoryMarshal.GetReference(span);
        var at = WriteVarInt(ref dst, ZigZag(minDelta));
        deltas[n..].Clear();
        var used = (n + MiniblockSize - 1) / MiniblockSize;
        ref var widths = ref Unsafe.Add(ref dst, at);
        at += Miniblocks;
        ref var block = ref MemoryMarshal.GetReference(deltas);
        for (var m = 0; m < Miniblocks; m++)
        {
            if (m >= used)
            {
                Unsafe.Add(ref widths, m) = 0;
                continue;
            }

            // Subtract the minimum (padding stays zero: it is not a delta) and OR the miniblock to find its width.
            ref var mini = ref Unsafe.Add(ref block, m * MiniblockSize);
            var count = Math.Min(MiniblockSize, n - (m * MiniblockSize));
            ulong any = 0;
            var i = 0;
            if (Vector256.IsHardwareAccelerated && count == MiniblockSize)
            {
                var vany = Vector256<ulong>.Zero;
                var vminimum = Vector256.Create(subtracted ? 0UL : unchecked((ulong)minDelta));
                for (; i < MiniblockSize; i += Vector256<ulong>.Count)
                {
                    var d = Vector256.LoadUnsafe(ref mini, (nuint)i) - vminimum;
                    d.StoreUnsafe(ref mini, (nuint)i);
                    vany |= d;
                }

                for (var k = 0; k < Vector256<ulong>.Count; k++)
                {
                    any |= vany.GetElement(k);
                }
            }

            for (; i < count; i++)
            {
                ref var d = ref Unsafe.Add(ref mini, i);
                if (!subtracted)
                {
                    d = unchecked(d - (ulong)minDelta);
                }

                any |= d;
            }

            var width = 64 - BitOperations.LeadingZeroCount(any);
            Unsafe.Add(ref widths, m) = (byte)width;
            Pack32(ref mini, width, ref Unsafe.Add(ref dst, at));
            at += width * (MiniblockSize / 8);
        }

        output.Advance(at);
    }

    /// <summary>Packs 32 values of <paramref name="width"/> bits (each already below 2^width), LSB first, into 4 × width bytes.</summary>
    private static void Pack32(ref ulong values, int width, ref byte dst)
    {
        if (width == 0)
        {
            return;
        }

        if (width <= 32)
        {
            // Two values side by side are one value of twice the width (LSB first either way): half the steps.
            PackWords(ref values, width, ref dst, pairs: true);
            return;
        }

        PackWords(ref values, width, ref dst, pairs: false);
    }

    /// <summary>Packs 32 values (or 16 pairs of them as values of twice <paramref name="width"/>) into 64-bit words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PackWords(ref ulong values, int width, ref byte dst, bool pairs)
    {
        var pos = 0;
        ulong acc = 0;
        var bits = 0;
        var steps = pairs ? MiniblockSize / 2 : MiniblockSize;
        var half = width;
        width = pairs ? 2 * width : width;
        unchecked
        {
            for (var i = 0; i < steps; i++)
            {
                var x = pairs
                    ? Unsafe.Add(ref values, 2 * i) | (Unsafe.Add(ref values, (2 * i) + 1) << half)
                    : Unsafe.Add(ref values, i);
                acc |= x << bits;
                bits += width;
                if (bits >= 64)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, pos), acc);
                    pos += 8;
                    bits -= 64;

                    // The value's top bits that did not fit (none when it ended exactly on the word).
                    acc = bits == 0 ? 0 : x >> (width - bits);
                }
            }

            // 32 × width bits leave 0 or 32 pending bits.
            if (bits > 0)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, pos), (uint)acc);
            }
        }
    }

    private static int WriteVarInt(ref byte dst, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            Unsafe.Add(ref dst, i++) = unchecked((byte)(value | 0x80));
            value >>= 7;
        }

        Unsafe.Add(ref dst, i++) = (byte)value;
        return i;
    }

    private static ulong ZigZag(long value) => unchecked((ulong)((value << 1) ^ (value >> 63)));
}
