using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SmallCaps.Parquet.Reading;

namespace SmallCaps.Parquet.Encodings;

/// <summary>
/// Decodes a Snappy block (the raw format Parquet uses) straight into the caller's buffer, without the
/// per-page allocation of the library decoder. Every tag, length and back-reference is checked before
/// any byte moves; the fast paths copy in 8/16-byte words only where both buffers have that much room.
/// </summary>
internal static class SnappyDecoder
{
    /// <summary>Decodes <paramref name="source"/>; its declared length must equal <c>destination.Length</c> and the output must fill it.</summary>
    public static void Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var pos = 0;
        var declared = VarIntReader.ReadUleb128(source, ref pos);
        if (declared != (ulong)destination.Length)
        {
            throw CorruptData.Error($"SNAPPY block holds {declared} bytes but the page declares {destination.Length}");
        }

        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var srcLength = source.Length;
        var dstLength = destination.Length;
        var outPos = 0;
        while (pos < srcLength)
        {
            int tag = Unsafe.Add(ref src, pos++);
            int length;
            int offset;
            switch (tag & 3)
            {
                case 0:
                    length = (tag >> 2) + 1;
                    if (length <= 16 && srcLength - pos >= 16 && dstLength - outPos >= 16)
                    {
                        // Short literal with slack on both sides: one 16-byte move, the excess is overwritten later.
                        Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, outPos), ref Unsafe.Add(ref src, pos), 16);
                        if (length > dstLength - outPos)
                        {
                            throw CorruptData.Error("SNAPPY literal runs past its buffer");
                        }

                        pos += length;
                        outPos += length;
                        continue;
                    }

                    if (length > 60)
                    {
                        length = ReadLongLiteralLength(source, ref pos, length - 60);
                    }

                    if (length > srcLength - pos || length > dstLength - outPos)
                    {
                        throw CorruptData.Error("SNAPPY literal runs past its buffer");
                    }

                    source.Slice(pos, length).CopyTo(destination[outPos..]);
                    pos += length;
                    outPos += length;
                    continue;
                case 1:
                    if (pos >= srcLength)
                    {
                        throw CorruptData.Error("SNAPPY copy is truncated");
                    }

                    length = 4 + ((tag >> 2) & 7);
                    offset = ((tag >> 5) << 8) | Unsafe.Add(ref src, pos++);
                    break;
                case 2:
                    if (2 > srcLength - pos)
                    {
                        throw CorruptData.Error("SNAPPY copy is truncated");
                    }

                    length = (tag >> 2) + 1;
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(source[pos..]);
                    pos += 2;
                    break;
                default:
                    if (4 > srcLength - pos)
                    {
                        throw CorruptData.Error("SNAPPY copy is truncated");
                    }

                    length = (tag >> 2) + 1;
                    var wide = BinaryPrimitives.ReadUInt32LittleEndian(source[pos..]);
                    offset = wide > int.MaxValue ? -1 : (int)wide;
                    pos += 4;
                    break;
            }

            if (offset <= 0 || offset > outPos || length > dstLength - outPos)
            {
                throw CorruptData.Error($"SNAPPY back-reference (offset {offset}, length {length}) at output byte {outPos} is invalid");
            }

            CopyMatch(ref dst, destination, outPos, offset, length);
            outPos += length;
        }

        if (outPos != dstLength)
        {
            throw CorruptData.Error($"SNAPPY block decoded to {outPos} bytes but declares {dstLength}");
        }
    }

    private static int ReadLongLiteralLength(ReadOnlySpan<byte> source, ref int pos, int extra)
    {
        if (extra > source.Length - pos)
        {
            throw CorruptData.Error("SNAPPY literal length is truncated");
        }

        uint n = 0;
        for (var k = 0; k < extra; k++)
        {
            n |= (uint)source[pos + k] << (8 * k);
        }

        pos += extra;
        if (n >= int.MaxValue)
        {
            throw CorruptData.Error("SNAPPY literal is too long");
        }

        return (int)n + 1;
    }

    /// <summary>Copies an already-validated match (offset in 1..outPos, length within the output).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyMatch(ref byte dst, Span<byte> destination, int outPos, int offset, int length)
    {
        var from = outPos - offset;
        if (length <= 16 && offset >= 16 && destination.Length - outPos >= 16)
        {
            // Most matches are short: one 16-byte move from a window that does not overlap the target.
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, outPos), ref Unsafe.Add(ref dst, from), 16);
            return;
        }

        if (offset >= 8 && destination.Length - outPos >= length + 8)
        {
            // Each 8-byte word reads bytes already written (offset >= 8), so overlapping runs stay correct.
            for (var i = 0; i < length; i += 8)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, outPos + i), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref dst, from + i)));
            }

            return;
        }

        if (offset >= length)
        {
            destination.Slice(from, length).CopyTo(destination[outPos..]);
            return;
        }

        // Overlapping short-offset copy: a run repeating the last `offset` bytes.
        for (var i = 0; i < length; i++)
        {
            destination[outPos + i] = destination[from + i];
        }
    }
}
