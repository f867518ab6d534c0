using SmallCaps.Parquet.Reading;

namespace SmallCaps.Parquet.Encodings;

/// <summary>Reads ULEB128 and zigzag varints from untrusted bytes with bounds checks.</summary>
internal static class VarIntReader
{
    /// <summary>Reads an unsigned LEB128 value of at most 64 bits.</summary>
    public static ulong ReadUleb128(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if ((uint)position >= (uint)data.Length)
            {
                throw CorruptData.Error("varint runs past the end of its buffer");
            }

            var b = data[position++];
            if (shift == 63 && b > 1)
            {
                throw CorruptData.Error("varint overflows 64 bits");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw CorruptData.Error("varint longer than 10 bytes");
    }

    /// <summary>Reads an unsigned varint that must fit a non-negative int.</summary>
    public static int ReadUleb128Int32(ReadOnlySpan<byte> data, ref int position, string what)
    {
        var v = ReadUleb128(data, ref position);
        if (v > int.MaxValue)
        {
            throw CorruptData.Error($"{what} {v} is out of range");
        }

        return (int)v;
    }

    /// <summary>Reads a zigzag-encoded signed varint.</summary>
    public static long ReadZigZag(ReadOnlySpan<byte> data, ref int position)
    {
        var v = ReadUleb128(data, ref position);
        return (long)(v >> 1) ^ -(long)(v & 1);
    }
}
