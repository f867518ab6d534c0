using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Encodings;

/// <summary>
/// Writes BYTE_STREAM_SPLIT for 8-byte values: byte k of value i goes to <c>k * count + i</c>. Eight values at a
/// time are transposed as an 8×8 byte matrix in registers (three rounds of masked swaps) and leave as one
/// 8-byte store per stream; with SSE, sixteen at a time (see <see cref="EncodeSixteens"/>).
/// </summary>
internal static class ByteStreamSplitEncoder
{
    public static void Encode(ReadOnlySpan<double> values, ByteBuffer output)
    {
        var count = values.Length;
        var bytes = count * 8;
        var span = output.GetSpan(bytes)[..bytes];
        ref var dst = ref MemoryMarshal.GetReference(span);
        ref var src = ref Unsafe.As<double, ulong>(ref MemoryMarshal.GetReference(values));
        var full = count & ~7;
        unchecked
        {
            var g = Ssse3.IsSupported ? EncodeSixteens(ref src, count, ref dst) : 0;
            for (; g < full; g += 8)
            {
                var a0 = Unsafe.Add(ref src, g);
                var a1 = Unsafe.Add(ref src, g + 1);
                var a2 = Unsafe.Add(ref src, g + 2);
                var a3 = Unsafe.Add(ref src, g + 3);
                var a4 = Unsafe.Add(ref src, g + 4);
                var a5 = Unsafe.Add(ref src, g + 5);
                var a6 = Unsafe.Add(ref src, g + 6);
                var a7 = Unsafe.Add(ref src, g + 7);
                Swap(ref a0, ref a1, 8, 0x00FF00FF00FF00FFUL);
                Swap(ref a2, ref a3, 8, 0x00FF00FF00FF00FFUL);
                Swap(ref a4, ref a5, 8, 0x00FF00FF00FF00FFUL);
                Swap(ref a6, ref a7, 8, 0x00FF00FF00FF00FFUL);
                Swap(ref a0, ref a2, 16, 0x0000FFFF0000FFFFUL);
                Swap(ref a1, ref a3, 16, 0x0000FFFF0000FFFFUL);
                Swap(ref a4, ref a6, 16, 0x0000FFFF0000FFFFUL);
                Swap(ref a5, ref a7, 16, 0x0000FFFF0000FFFFUL);
                Swap(ref a0, ref a4, 32, 0x00000000FFFFFFFFUL);
                Swap(ref a1, ref a5, 32, 0x00000000FFFFFFFFUL);
                Swap(ref a2, ref a6, 32, 0x00000000FFFFFFFFUL);
                Swap(ref a3, ref a7, 32, 0x00000000FFFFFFFFUL);

                // Row k now holds byte k of the eight values, in value order.
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, g), a0);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, count + g), a1);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, (2 * count) + g), a2);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, (3 * count) + g), a3);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, (4 * count) + g), a4);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, (5 * count) + g), a5);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, (6 * count) + g), a6);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, (7 * count) + g), a7);
            }

            for (var i = full; i < count; i++)
            {
                var v = Unsafe.Add(ref src, i);
                for (var k = 0; k < 8; k++)
                {
                    span[(k * count) + i] = (byte)(v >> (8 * k));
                }
            }
        }

        output.Advance(bytes);
    }

    /// <summary>
    /// Sixteen values at a time with SSE: each 16-byte load (two values) is shuffled to pair their bytes (byte k of both as one
    /// 16-bit unit), then the 8 × 8 matrix of units is transposed in three rounds of unpacks, leaving stream k's 16 bytes in
    /// one register. Returns how many values were written (a multiple of 16).
    /// </summary>
    private static int EncodeSixteens(ref ulong src, int count, ref byte dst)
    {
        var pairBytes = Vector128.Create((byte)0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
        var g = 0;
        for (; g + 16 <= count; g += 16)
        {
            ref var at = ref Unsafe.As<ulong, byte>(ref Unsafe.Add(ref src, g));
            var r0 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref at), pairBytes).AsInt16();
            var r1 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref at, 16), pairBytes).AsInt16();
            var r2 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref at, 32), pairBytes).AsInt16();
            var r3 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref at, 48), pairBytes).AsInt16();
            var r4 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref at, 64), pairBytes).AsInt16();
            var r5 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref at, 80), pairBytes).AsInt16();
            var r6 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref at, 96), pairBytes).AsInt16();
            var r7 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref at, 112), pairBytes).AsInt16();

            // Round 1 (16-bit): units 0-3 and 4-7 of row pairs interleaved.
            var t0 = Sse2.UnpackLow(r0, r1).AsInt32();
            var t1 = Sse2.UnpackHigh(r0, r1).AsInt32();
            var t2 = Sse2.UnpackLow(r2, r3).AsInt32();
            var t3 = Sse2.UnpackHigh(r2, r3).AsInt32();
            var t4 = Sse2.UnpackLow(r4, r5).AsInt32();
            var t5 = Sse2.UnpackHigh(r4, r5).AsInt32();
            var t6 = Sse2.UnpackLow(r6, r7).AsInt32();
            var t7 = Sse2.UnpackHigh(r6, r7).AsInt32();

            // Round 2 (32-bit): two units of rows 0-3 (u0-u3) and of rows 4-7 (u4-u7).
            var u0 = Sse2.UnpackLow(t0, t2).AsInt64();
            var u1 = Sse2.UnpackHigh(t0, t2).AsInt64();
            var u2 = Sse2.UnpackLow(t1, t3).AsInt64();
            var u3 = Sse2.UnpackHigh(t1, t3).AsInt64();
            var u4 = Sse2.UnpackLow(t4, t6).AsInt64();
            var u5 = Sse2.UnpackHigh(t4, t6).AsInt64();
            var u6 = Sse2.UnpackLow(t5, t7).AsInt64();
            var u7 = Sse2.UnpackHigh(t5, t7).AsInt64();

            // Round 3 (64-bit): stream k = unit k of rows 0-7, bytes of values g .. g + 15 in order.
            Sse2.UnpackLow(u0, u4).AsByte().StoreUnsafe(ref dst, (nuint)g);
            Sse2.UnpackHigh(u0, u4).AsByte().StoreUnsafe(ref dst, (nuint)(count + g));
            Sse2.UnpackLow(u1, u5).AsByte().StoreUnsafe(ref dst, (nuint)((2 * count) + g));
            Sse2.UnpackHigh(u1, u5).AsByte().StoreUnsafe(ref dst, (nuint)((3 * count) + g));
            Sse2.UnpackLow(u2, u6).AsByte().StoreUnsafe(ref dst, (nuint)((4 * count) + g));
            Sse2.UnpackHigh(u2, u6).AsByte().StoreUnsafe(ref dst, (nuint)((5 * count) + g));
            Sse2.UnpackLow(u3, u7).AsByte().StoreUnsafe(ref dst, (nuint)((6 * count) + g));
            Sse2.UnpackHigh(u3, u7).AsByte().StoreUnsafe(ref dst, (nuint)((7 * count) + g));
        }

        return g;
    }

    /// <summary>Exchanges the <paramref name="mask"/>ed upper blocks of <paramref name="low"/> with the lower blocks of <paramref name="high"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Swap(ref ulong low, ref ulong high, int shift, ulong mask)
    {
        var t = ((low >> shift) ^ high) & mask;
        high ^= t;
        low ^= t << shift;
    }
}
