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
[SkipLocalsInit] // Stack scratch (hash table, bitmaps, deltas) is cleared where it is used; zeroing it twice cost a memset per page.
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

    /// <summary>
    /// Like <see cref="Compress(ReadOnlySpan{byte}, ByteBuffer)"/> for a body whose tail from <paramref name="valuesAt"/> is
    /// 8-byte values (a PLAIN page of doubles or longs): matches are looked for only where a value starts, one probe per
    /// value keyed on its low 4 bytes, then grown backwards and forwards byte by byte. Decimal prices share their low bytes
    /// far more often than other 4-byte windows, so on bar files this finds smaller output than the byte-by-byte search
    /// for the same work. The output is ordinary Snappy.
    /// </summary>
    public static void CompressValues8(ReadOnlySpan<byte> source, int valuesAt, ByteBuffer destination)
    {
        var output = destination.GetSpan(MaxCompressedLength(source.Length) + OutputSlack)[..(MaxCompressedLength(source.Length) + OutputSlack)];
        var d = WriteVarInt(output, (uint)source.Length);
        Span<ushort> table = stackalloc ushort[1 << TableBits];
        for (var start = 0; start < source.Length; start += BlockSize)
        {
            var block = source.Slice(start, Math.Min(BlockSize, source.Length - start));
            ref var op = ref MemoryMarshal.GetReference(output[d..]);

            // Blocks start at multiples of 64 KiB (of 8), so past the first one values start at the same phase in every block.
            var first = valuesAt >= start ? valuesAt - start : valuesAt & 7;
            d += block.Length - first < MinNonLiteralBlockSize + 8
                ? EmitExactLiteral(ref op, ref MemoryMarshal.GetReference(block), block.Length)
                : CompressBlockValues8(ref MemoryMarshal.GetReference(block), block.Length, first, ref op, table);
        }

        destination.Advance(d);
    }

    /// <summary>One block of <see cref="CompressValues8"/>; values start at <paramref name="first"/> + 8k.</summary>
    private static int CompressBlockValues8(ref byte src, int length, int first, ref byte op, Span<ushort> fullTable)
    {
        unchecked
        {
            var tableSize = 256;
            while (tableSize < fullTable.Length && tableSize * 8 < length * 2)
            {
                tableSize <<= 1;
            }

            fullTable[..tableSize].Clear();
            ref var table = ref MemoryMarshal.GetReference(fullTable);
            var shift = 64 - BitOperations.Log2((uint)tableSize);
            var d = 0;
            var nextEmit = 0;

            // An empty slot reads as position 0: real bytes, and every hit is verified against the value anyway. vs is the
            // value start probed; it advances by one value after a match that ends inside it (nearly always), written as a
            // predictable branch so the next probe's loads need not wait for this match's length. Few locals live across
            // the loop (values start at vs's phase, the limit is derived from the length), so the JIT keeps them in registers.
            var vs = first;
            while (vs <= length - InputMargin - 8)
            {
                var value = Load32(ref src, vs);
                ref var entry = ref Unsafe.Add(ref table, (nuint)((value * 0x9E3779B97F4A7C15UL) >> shift));
                int candidate = entry;
                entry = (ushort)vs;
                if (Load32(ref src, candidate) != value || candidate >= vs)
                {
                    vs += 8;
                    continue;
                }

                // Grow the match backwards over the literal still pending (the end of the previous value often matches too):
                // the 8 bytes before both positions compared at once, the equal top bytes counted, at most the pending ones.
                int back;
                if (candidate >= 8)
                {
                    back = Math.Min(BitOperations.LeadingZeroCount(Load64(ref src, vs - 8) ^ Load64(ref src, candidate - 8)) >> 3, vs - nextEmit);
                }
                else
                {
                    back = 0;
                    var room = Math.Min(vs - nextEmit, candidate);
                    while (back < room && At(ref src, vs - back - 1) == At(ref src, candidate - back - 1))
                    {
                        back++;
                    }
                }

                var ip = vs - back;
                if (ip > nextEmit)
                {
                    d += EmitLiteral(ref At(ref op, d), ref At(ref src, nextEmit), ip - nextEmit);
                }

                var end = ExtendMatch(ref src, candidate + 4, vs + 4, length);
                d += EmitCopy(ref At(ref op, d), vs - candidate, end - ip);
                nextEmit = end;

                // Next probe at the first value start at or after the match's end (vs keeps the values' phase).
                if (end <= vs + 8)
                {
                    vs += 8;
                }
                else
                {
                    vs = end + ((vs - end) & 7);
                }
            }

            if (nextEmit < length)
            {
                d += EmitExactLiteral(ref At(ref op, d), ref At(ref src, nextEmit), length - nextEmit);
            }

            return d;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ref byte src, int at) => Unsafe.ReadUnaligned<uint>(ref At(ref src, at));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load64(ref byte src, int at) => Unsafe.ReadUnaligned<ulong>(ref At(ref src, at));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load64(ref byte src, nuint at) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, at));

    /// <summary>The byte <paramref name="offset"/> (never negative) past <paramref name="start"/>, zero-extended: a sign extension per access cost measurably in these loops.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte At(ref byte start, int offset) => ref Unsafe.Add(ref start, unchecked((nuint)(uint)offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint Hash(uint bytes, int shift) => unchecked(bytes * 0x1E35A7BDu >> shift);

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
                                At(ref op, d) = (byte)(i << 2);
                                Unsafe.WriteUnaligned(ref At(ref op, d + 1), Unsafe.ReadUnaligned<Vector128<byte>>(ref At(ref src, nextEmit)));
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

                d += EmitLiteral(ref At(ref op, d), ref At(ref src, nextEmit), ip - nextEmit);

            EmitMatch:
                // Emit copies for as long as the bytes right after a match start another one.
                while (true)
                {
                    var matchStart = ip;
                    ip = ExtendLongMatch(ref src, candidate + 4, ip + 4, length);
                    d += EmitCopy(ref At(ref op, d), matchStart - candidate, ip - matchStart);
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
                d += EmitExactLiteral(ref At(ref op, d), ref At(ref src, nextEmit), length - nextEmit);
            }

            return d;
        }
    }

    /// <summary>Returns the end of the match of src[candidate..] against src[s..], comparing 8 bytes at a time (value pages: their matches are short).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ExtendMatch(ref byte src, int candidate, int s, int length)
    {
        unchecked
        {
            // Native positions, zero-extended once: loads then index without a sign extension each. Blocks are at least
            // MinNonLiteralBlockSize long, so the hoisted limit does not wrap.
            var at = (nuint)(uint)s;
            var from = (nuint)(uint)candidate;
            var end = (nuint)(uint)length;
            var last8 = end - 8;
            while (at <= last8)
            {
                var diff = Load64(ref src, at) ^ Load64(ref src, from);
                if (diff != 0)
                {
                    return (int)at + (BitOperations.TrailingZeroCount(diff) >> 3);
                }

                at += 8;
                from += 8;
            }

            while (at < end && Unsafe.Add(ref src, at) == Unsafe.Add(ref src, from))
            {
                at++;
                from++;
            }

            return (int)at;
        }
    }

    /// <summary>Returns the end of the match of src[candidate..] against src[s..], the first 8 bytes at once, then 32 at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ExtendLongMatch(ref byte src, int candidate, int s, int length)
    {
        unchecked
        {
            // Most matches end within their first 8 bytes; longer ones (zero runs in DELTA pages, repeated index runs) are
            // compared 32 bytes at a time, ending on the first unequal byte's mask bit instead of a mispredicted 8-byte loop.
            var at = (nuint)(uint)s;
            var from = (nuint)(uint)candidate;
            var end = (nuint)(uint)length;
            if (at + 8 <= end)
            {
                var first = Load64(ref src, at) ^ Load64(ref src, from);
                if (first != 0)
                {
                    return (int)at + (BitOperations.TrailingZeroCount(first) >> 3);
                }

                at += 8;
                from += 8;
                if (Vector256.IsHardwareAccelerated)
                {
                    while (at + 32 <= end)
                    {
                        var unequal = ~Vector256.Equals(Vector256.LoadUnsafe(ref src, at), Vector256.LoadUnsafe(ref src, from)).ExtractMostSignificantBits();
                        if (unequal != 0)
                        {
                            return (int)at + BitOperations.TrailingZeroCount(unequal);
                        }

                        at += 32;
                        from += 32;
                    }
                }
            }

            // The rest, under 32 bytes (or no vectors): 8 bytes, then 1 at a time.
            return ExtendMatch(ref src, (int)from, (int)at, length);
        }
    }

    /// <summary>
    /// A literal element inside the block, moved 16 bytes at a time (the block keeps a 15-byte margin past it, the output its
    /// slack, and the next element overwrites what ran past). No call, even for long literals: a call inside the compressors'
    /// loops made the JIT keep their positions on the stack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EmitLiteral(ref byte op, ref byte literal, int length)
    {
        unchecked
        {
            var n = length - 1;
            if (n < 16)
            {
                op = (byte)(n << 2);
                Unsafe.WriteUnaligned(ref At(ref op, 1), Unsafe.ReadUnaligned<Vector128<byte>>(ref literal));
                return 1 + length;
            }

            // Tag 60 or 61 with the length in 1 or 2 more bytes (literals inside a 64 KiB block need no more); the 2-byte
            // store is overwritten by the data when the length takes fewer bytes.
            var header = n < 60 ? 1 : n < 256 ? 2 : 3;
            op = (byte)(header == 1 ? n << 2 : (58 + header) << 2);
            Unsafe.WriteUnaligned(ref At(ref op, 1), (ushort)n);
            ref var to = ref At(ref op, header);
            for (var k = 0; k < length; k += 16)
            {
                Unsafe.WriteUnaligned(ref At(ref to, k), Unsafe.ReadUnaligned<Vector128<byte>>(ref At(ref literal, k)));
            }

            return header + length;
        }
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
            At(ref op, 1) = (byte)n;
            header = 2;
        }
        else
        {
            op = 61 << 2;
            Unsafe.WriteUnaligned(ref At(ref op, 1), (ushort)n);
            header = 3;
        }

        Unsafe.CopyBlockUnaligned(ref At(ref op, header), ref literal, (uint)length);
        return header + length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EmitCopy(ref byte op, int offset, int length)
    {
        // The common case in page data: a match of at most 64 bytes, one element chosen without a branch (whether the
        // distance fits the 2-byte form is data-dependent and mispredicted often): the 2-byte form when the match is
        // short and near, else the 3-byte one. Both are written as one 4-byte store into the output's slack.
        if (length <= 64)
        {
            unchecked
            {
                var near = (uint)(1 | ((length - 4) << 2) | ((offset >> 8) << 5) | ((offset & 0xFF) << 8));
                var far = (uint)(2 | ((length - 1) << 2) | (offset << 8));
                // Both flags from sign bits (length >= 4, offset >= 1): two compares with setcc and movzx cost more per copy.
                var isNear = (uint)(length - 12) >> 31 & (uint)(offset - 2048) >> 31;
                Unsafe.WriteUnaligned(ref op, far ^ ((near ^ far) & (0u - isNear)));
                return 3 - (int)isNear;
            }
        }

        return EmitLongCopy(ref op, offset, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EmitLongCopy(ref byte op, int offset, int length)
    {
        unchecked
        {
            var d = 0;
            while (length >= 68)
            {
                d += EmitCopy2(ref At(ref op, d), offset, 64);
                length -= 64;
            }

            if (length > 64)
            {
                d += EmitCopy2(ref At(ref op, d), offset, 60);
                length -= 60;
            }

            if (length >= 12 || offset >= 2048)
            {
                return d + EmitCopy2(ref At(ref op, d), offset, length);
            }

            At(ref op, d) = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
            At(ref op, d + 1) = unchecked((byte)offset);
            return d + 2;
    
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EmitCopy2(ref byte op, int offset, int length)
    {
        unchecked
        {
            op = (byte)(2 | ((length - 1) << 2));
            Unsafe.WriteUnaligned(ref At(ref op, 1), (ushort)offset);
            return 3;
        }
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
