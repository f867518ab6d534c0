using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Compression;

/// <summary>
/// Snappy block-format compressor writing straight into a <see cref="ByteBuffer"/>: no allocation per
/// page (IronSnappy's Encode returns a new array, which put every page on the large object heap).
/// Output is the raw block format (varint length, then literal/copy elements), decodable by any
/// Snappy implementation; input is matched in independent 64 KiB blocks like the reference encoder.
/// </summary>
internal static class SnappyBlockEncoder
{
    private const int BlockSize = 1 << 16;
    private const int TableBits = 14;
    private const int InputMargin = 15;
    private const int MinNonLiteralBlockSize = 1 + 1 + InputMargin;

    /// <summary>Worst-case compressed size for <paramref name="length"/> input bytes.</summary>
    public static int MaxCompressedLength(int length) => checked(32 + length + (length / 6));

    public static void Compress(ReadOnlySpan<byte> source, ByteBuffer destination)
    {
        // 16 bytes of slack: short literals are copied 16 bytes at a time, past their end.
        var output = destination.GetSpan(MaxCompressedLength(source.Length) + 16);
        var d = WriteVarInt(output, (uint)source.Length);
        Span<ushort> table = stackalloc ushort[1 << TableBits];
        for (var start = 0; start < source.Length; start += BlockSize)
        {
            var block = source.Slice(start, Math.Min(BlockSize, source.Length - start));
            d += block.Length < MinNonLiteralBlockSize ? EmitLiteral(output[d..], block) : CompressBlock(block, output[d..], table);
        }

        destination.Advance(d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ref byte src, int at) => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, at));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load64(ref byte src, int at) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, at));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint bytes, int shift) => (int)unchecked(bytes * 0x1E35A7BDu >> shift);

    private static int CompressBlock(ReadOnlySpan<byte> block, Span<byte> output, Span<ushort> fullTable)
    {
        unchecked
        {
            // A smaller table for small blocks keeps clearing it cheap.
            var tableSize = 256;
            while (tableSize < fullTable.Length && tableSize < block.Length)
            {
                tableSize <<= 1;
            }

            fullTable[..tableSize].Clear();
            ref var table = ref MemoryMarshal.GetReference(fullTable);
            var shift = 32 - BitOperations.Log2((uint)tableSize);
            ref var src = ref MemoryMarshal.GetReference(block);
            var length = block.Length;
            var limit = length - InputMargin;
            var d = 0;
            var nextEmit = 0;
            var s = 1;
            var nextHash = Hash(Load32(ref src, s), shift);
            while (true)
            {
                // Look for a 4-byte match, probing further apart the longer nothing matches.
                var skip = 32;
                var next = s;
                int candidate;
                do
                {
                    s = next;
                    var step = skip >> 5;
                    next = s + step;
                    skip += step;
                    if (next > limit)
                    {
                        goto Remainder;
                    }

                    ref var slot = ref Unsafe.Add(ref table, nextHash);
                    candidate = slot;
                    slot = (ushort)s;
                    nextHash = Hash(Load32(ref src, next), shift);
                }
                while (Load32(ref src, s) != Load32(ref src, candidate));

                d += s - nextEmit <= 16 ? EmitShortLiteral(output[d..], ref Unsafe.Add(ref src, nextEmit), s - nextEmit) : EmitLiteral(output[d..], block[nextEmit..s]);

                // Emit copies for as long as the byte after each match starts another match.
                while (true)
                {
                    var matchStart = s;
                    s = ExtendMatch(ref src, candidate + 4, s + 4, length);
                    d += EmitCopy(output[d..], matchStart - candidate, s - matchStart);
                    nextEmit = s;
                    if (s >= limit)
                    {
                        goto Remainder;
                    }

                    var x = Load64(ref src, s - 1);
                    Unsafe.Add(ref table, Hash((uint)x, shift)) = (ushort)(s - 1);
                    ref var current = ref Unsafe.Add(ref table, Hash((uint)(x >> 8), shift));
                    candidate = current;
                    current = (ushort)s;
                    if ((uint)(x >> 8) != Load32(ref src, candidate))
                    {
                        nextHash = Hash((uint)(x >> 16), shift);
                        s++;
                        break;
                    }
                }
            }

        Remainder:
            if (nextEmit < length)
            {
                d += EmitLiteral(output[d..], block[nextEmit..]);
            }

            return d;
        }
    }

    /// <summary>Returns the end of the match of src[candidate..] against src[s..], comparing 8 bytes at a time.</summary>
    private static int ExtendMatch(ref byte src, int candidate, int s, int length)
    {
        unchecked
        {
            while (s + 8 <= length)
            {
                var diff = Load64(ref src, s) ^ Load64(ref src, candidate);
                if (diff != 0)
                {
                    return s + (BitOperations.TrailingZeroCount(diff) >> 3);
                }

                s += 8;
                candidate += 8;
            }

            while (s < length && Unsafe.Add(ref src, s) == Unsafe.Add(ref src, candidate))
            {
                s++;
                candidate++;
            }

            return s;
        }
    }

    /// <summary>
    /// A literal of 1 to 16 bytes copied as one 16-byte move instead of a memmove call (most literals between
    /// matches are a few bytes). The caller guarantees 16 readable bytes at <paramref name="literal"/> (the
    /// block keeps a 15-byte margin past any match) and the output has 16 bytes of slack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EmitShortLiteral(Span<byte> output, ref byte literal, int length)
    {
        ref var o = ref MemoryMarshal.GetReference(output);
        if (output.Length < 17)
        {
            throw new ArgumentException("The output has no room for a short literal.", nameof(output));
        }

        o = (byte)((length - 1) << 2);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, 1), Unsafe.ReadUnaligned<System.Runtime.Intrinsics.Vector128<byte>>(ref literal));
        return 1 + length;
    }

    private static int EmitLiteral(Span<byte> output, ReadOnlySpan<byte> literal)
    {
        var n = literal.Length - 1;
        int header;
        if (n < 60)
        {
            output[0] = (byte)(n << 2);
            header = 1;
        }
        else if (n < 1 << 8)
        {
            output[0] = 60 << 2;
            output[1] = (byte)n;
            header = 2;
        }
        else
        {
            output[0] = 61 << 2;
            output[1] = unchecked((byte)n);
            output[2] = (byte)(n >> 8);
            header = 3;
        }

        literal.CopyTo(output[header..]);
        return header + literal.Length;
    }

    private static int EmitCopy(Span<byte> output, int offset, int length)
    {
        var d = 0;
        while (length >= 68)
        {
            d += EmitCopy2(output[d..], offset, 64);
            length -= 64;
        }

        if (length > 64)
        {
            d += EmitCopy2(output[d..], offset, 60);
            length -= 60;
        }

        if (length >= 12 || offset >= 2048)
        {
            return d + EmitCopy2(output[d..], offset, length);
        }

        output[d] = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
        output[d + 1] = unchecked((byte)offset);
        return d + 2;
    }

    private static int EmitCopy2(Span<byte> output, int offset, int length)
    {
        output[0] = (byte)(2 | ((length - 1) << 2));
        output[1] = unchecked((byte)offset);
        output[2] = (byte)(offset >> 8);
        return 3;
    }

    private static int WriteVarInt(Span<byte> output, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            output[i++] = unchecked((byte)(value | 0x80));
            value >>= 7;
        }

        output[i++] = (byte)value;
        return i;
    }
}
