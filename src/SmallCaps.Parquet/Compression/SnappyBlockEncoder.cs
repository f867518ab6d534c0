using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Compression;

/// <summary>
/// Snappy block-format compressor writing straight into a <see cref="ByteBuffer"/>: no allocation per
/// page (IronSnappy's Encode returns a new array, which put every page on the large object heap).
/// Output is the raw block format (varint length, then literal/copy elements), decodable by any
/// Snappy implementation; input is matched in independent 64 KiB blocks like the reference encoder.
/// The match search follows the reference's current one: 16 positions are probed from two 8-byte loads
/// before the skipping search takes over, and elements are written through refs with 16-byte literal moves,
/// the output holding enough slack that no write needs a bounds check.
/// </summary>
internal static class SnappyBlockEncoder
{
    private const int BlockSize = 1 << 16;
    private const int TableBits = 14;
    private const int InputMargin = 15;
    private const int MinNonLiteralBlockSize = 1 + 1 + InputMargin;

    // Short literals are moved 16 bytes at a time: room past the worst case so those moves stay inside the output.
    private const int OutputSlack = 16;

    /// <summary>Worst-case compressed size for <paramref name="length"/> input bytes.</summary>
    public static int MaxCompressedLength(int length) => checked(32 + length + (length / 6));

    public static void Compress(ReadOnlySpan<byte> source, ByteBuffer destination)
    {
        var output = destination.GetSpan(MaxCompressedLength(source.Length) + OutputSlack)[..(MaxCompressedLength(source.Length) + OutputSlack)];
        var d = WriteVarInt(output, (uint)source.Length);
        Span<ushort> table = stackalloc ushort[1 << TableBits];
        for (var start = 0; start < source.Length; start += BlockSize)
        {
            var block = source.Slice(start, Math.Min(BlockSize, source.Length - start));

            // Each block's worst case fits the remaining output (MaxCompressedLength is additive over blocks).
            ref var op = ref MemoryMarshal.GetReference(output[d..]);
            d += block.Length < MinNonLiteralBlockSize
                ? EmitExactLiteral(ref op, ref MemoryMarshal.GetReference(block), block.Length)
                : CompressBlock(ref MemoryMarshal.GetReference(block), block.Length, ref op, table);
        }

        destination.Advance(d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ref byte src, int at) => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, at));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load64(ref byte src, int at) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, at));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint bytes, int shift) => (int)unchecked(bytes * 0x1E35A7BDu >> shift);

    /// <summary>Compresses one block of at least <see cref="MinNonLiteralBlockSize"/> bytes; returns the bytes written at <paramref name="op"/>.</summary>
    private static int CompressBlock(ref byte src, int length, ref byte op, Span<ushort> fullTable)
    {
        unchecked
        {
            // A smaller table for small blocks keeps clearing it cheap.
            var tableSize = 256;
            while (tableSize < fullTable.Length && tableSize < length)
            {
                tableSize <<= 1;
            }

            fullTable[..tableSize].Clear();
            ref var table = ref MemoryMarshal.GetReference(fullTable);
            var shift = 32 - BitOperations.Log2((uint)tableSize);
            var limit = length - InputMargin;
            var d = 0;
            var ip = 0;
            int nextEmit;
            int candidate;
            while (true)
            {
                // Position ip was already tried (block start or the byte after a match): search from ip + 1.
                nextEmit = ip++;
                var data = Load64(ref src, ip);
                var skip = 32;
                if (limit - ip >= 16)
                {
                    // Sixteen positions from two loads: most matches in page data are found here, before any skipping.
                    for (var j = 0; j < 4; j++)
                    {
                        for (var k = 0; k < 4; k++)
                        {
                            var i = (4 * j) + k;
                            ref var entry = ref Unsafe.Add(ref table, Hash((uint)data, shift));
                            candidate = entry;
                            entry = (ushort)(ip + i);
                            if (Load32(ref src, candidate) == (uint)data)
                            {
                                // The literal before it is i + 1 <= 16 bytes: one 16-byte move.
                                Unsafe.Add(ref op, d) = (byte)(i << 2);
                                Unsafe.WriteUnaligned(ref Unsafe.Add(ref op, d + 1), Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref src, nextEmit)));
                                d += i + 2;
                                ip += i;
                                goto EmitMatch;
                            }

                            data >>= 8;
                        }

                        data = Load64(ref src, ip + (4 * j) + 4);
                    }

                    ip += 16;
                    skip += 16;
                }

                // Probe further apart the longer nothing matches (incompressible data passes quickly).
                while (true)
                {
                    ref var entry = ref Unsafe.Add(ref table, Hash((uint)data, shift));
                    var step = skip >> 5;
                    skip += step;
                    var next = ip + step;
                    if (next > limit)
                    {
                        goto Remainder;
                    }

                    candidate = entry;
                    entry = (ushort)ip;
                    if (Load32(ref src, candidate) == (uint)data)
                    {
                        break;
                    }

                    data = Load32(ref src, next);
                    ip = next;
                }

                d += EmitLiteral(ref Unsafe.Add(ref op, d), ref Unsafe.Add(ref src, nextEmit), ip - nextEmit);

            EmitMatch:
                // Emit copies for as long as the bytes right after a match start another one.
                while (true)
                {
                    var matchStart = ip;
                    ip = ExtendMatch(ref src, candidate + 4, ip + 4, length);
                    d += EmitCopy(ref Unsafe.Add(ref op, d), matchStart - candidate, ip - matchStart);
                    if (ip >= limit)
                    {
                        nextEmit = ip;
                        goto Remainder;
                    }

                    var x = Load64(ref src, ip - 1);
                    Unsafe.Add(ref table, Hash((uint)x, shift)) = (ushort)(ip - 1);
                    ref var current = ref Unsafe.Add(ref table, Hash((uint)(x >> 8), shift));
                    candidate = current;
                    current = (ushort)ip;
                    if ((uint)(x >> 8) != Load32(ref src, candidate))
                    {
                        break;
                    }
                }
            }

        Remainder:
            if (nextEmit < length)
            {
                // The tail has no margin behind it: copy exactly.
                d += EmitExactLiteral(ref Unsafe.Add(ref op, d), ref Unsafe.Add(ref src, nextEmit), length - nextEmit);
            }

            return d;
        }
    }

    /// <summary>Returns the end of the match of src[candidate..] against src[s..], comparing 8 bytes at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ExtendMatch(ref byte src, int candidate, int s, int length)
    {
        unchecked
        {
            while (s <= length - 8)
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

    /// <summary>A literal element inside the block; up to 16 bytes are moved as one 16-byte copy (the block keeps a 15-byte margin past it, the output its slack).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EmitLiteral(ref byte op, ref byte literal, int length)
    {
        var n = length - 1;
        if (n < 16)
        {
            op = (byte)(n << 2);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref op, 1), Unsafe.ReadUnaligned<Vector128<byte>>(ref literal));
            return 1 + length;
        }

        return EmitExactLiteral(ref op, ref literal, length);
    }

    /// <summary>A literal element copying exactly <paramref name="length"/> bytes.</summary>
    private static int EmitExactLiteral(ref byte op, ref byte literal, int length)
    {
        var n = length - 1;
        int header;
        if (n < 60)
        {
            op = (byte)(n << 2);
            header = 1;
        }
        else if (n < 1 << 8)
        {
            op = 60 << 2;
            Unsafe.Add(ref op, 1) = (byte)n;
            header = 2;
        }
        else
        {
            op = 61 << 2;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref op, 1), (ushort)n);
            header = 3;
        }

        Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref op, header), ref literal, (uint)length);
        return header + length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EmitCopy(ref byte op, int offset, int length)
    {
        // The common case in page data: a short match at a short distance, one 2-byte element.
        if (length < 12 && offset < 2048)
        {
            op = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
            Unsafe.Add(ref op, 1) = unchecked((byte)offset);
            return 2;
        }

        return EmitLongCopy(ref op, offset, length);
    }

    private static int EmitLongCopy(ref byte op, int offset, int length)
    {
        var d = 0;
        while (length >= 68)
        {
            d += EmitCopy2(ref Unsafe.Add(ref op, d), offset, 64);
            length -= 64;
        }

        if (length > 64)
        {
            d += EmitCopy2(ref Unsafe.Add(ref op, d), offset, 60);
            length -= 60;
        }

        if (length >= 12 || offset >= 2048)
        {
            return d + EmitCopy2(ref Unsafe.Add(ref op, d), offset, length);
        }

        Unsafe.Add(ref op, d) = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
        Unsafe.Add(ref op, d + 1) = unchecked((byte)offset);
        return d + 2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EmitCopy2(ref byte op, int offset, int length)
    {
        op = (byte)(2 | ((length - 1) << 2));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref op, 1), (ushort)offset);
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
