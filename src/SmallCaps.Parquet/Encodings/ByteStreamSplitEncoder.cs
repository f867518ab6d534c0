using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Encodings;

/// <summary>
/// Writes BYTE_STREAM_SPLIT for 8-byte values: byte k of value i goes to <c>k * count + i</c>. Eight values at a
/// time are transposed as an 8×8 byte matrix in registers (three rounds of masked swaps) and leave as one
/// 8-byte store per stream.
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
            for (var g = 0; g < full; g += 8)
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

    /// <summary>Exchanges the <paramref name="mask"/>ed upper blocks of <paramref name="low"/> with the lower blocks of <paramref name="high"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Swap(ref ulong low, ref ulong high, int shift, ulong mask)
    {
        var t = ((low >> shift) ^ high) & mask;
        high ^= t;
        low ^= t << shift;
    }
}
