using System.Buffers.Binary;
using System.Runtime.InteropServices;
using SmallCaps.Parquet.Reading;

namespace SmallCaps.Parquet.Encodings;

/// <summary>Decodes PLAIN-encoded values; each method returns the bytes it consumed.</summary>
internal static class PlainDecoder
{
    /// <summary>Julian day number of 1970-01-01, the INT96 epoch offset.</summary>
    public const long JulianDayOfUnixEpoch = 2_440_588;

    private const long NanosPerDay = 86_400_000_000_000;

    /// <summary>Copies little-endian fixed-width values in bulk.</summary>
    public static int ReadFixed<T>(ReadOnlySpan<byte> src, Span<T> dst)
        where T : unmanaged
    {
        var bytes = (long)dst.Length * Marshal.SizeOf<T>();
        if (bytes > src.Length)
        {
            throw CorruptData.Error($"PLAIN data holds {src.Length} bytes, {bytes} needed for {dst.Length} values");
        }

        MemoryMarshal.Cast<byte, T>(src[..(int)bytes]).CopyTo(dst);
        return (int)bytes;
    }

    /// <summary>Decodes INT96 (nanos of day + Julian day) as nanoseconds since the Unix epoch; out-of-range days wrap like other readers.</summary>
    public static int ReadInt96(ReadOnlySpan<byte> src, Span<long> dst)
    {
        var bytes = (long)dst.Length * 12;
        if (bytes > src.Length)
        {
            throw CorruptData.Error($"PLAIN INT96 data holds {src.Length} bytes, {bytes} needed");
        }

        for (var i = 0; i < dst.Length; i++)
        {
            var v = src.Slice(i * 12, 12);
            var nanosOfDay = BinaryPrimitives.ReadInt64LittleEndian(v);
            var julianDay = BinaryPrimitives.ReadUInt32LittleEndian(v[8..]);
            dst[i] = unchecked(((julianDay - JulianDayOfUnixEpoch) * NanosPerDay) + nanosOfDay);
        }

        return (int)bytes;
    }

    /// <summary>Decodes bit-packed booleans (LSB first).</summary>
    public static int ReadBoolean(ReadOnlySpan<byte> src, Span<bool> dst)
    {
        var bytes = (dst.Length + 7) / 8;
        if (bytes > src.Length)
        {
            throw CorruptData.Error($"PLAIN BOOLEAN data holds {src.Length} bytes, {bytes} needed");
        }

        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = ((src[i >> 3] >> (i & 7)) & 1) != 0;
        }

        return bytes;
    }

    /// <summary>Decodes length-prefixed byte arrays.</summary>
    public static int ReadByteArray(ReadOnlySpan<byte> src, Span<byte[]> dst)
    {
        var pos = 0;
        for (var i = 0; i < dst.Length; i++)
        {
            if (src.Length - pos < 4)
            {
                throw CorruptData.Error($"PLAIN BYTE_ARRAY value {i} length is truncated");
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(src[pos..]);
            pos += 4;
            if (length > (uint)(src.Length - pos))
            {
                throw CorruptData.Error($"PLAIN BYTE_ARRAY value {i} claims {length} bytes, {src.Length - pos} remain");
            }

            dst[i] = length == 0 ? [] : src.Slice(pos, (int)length).ToArray();
            pos += (int)length;
        }

        return pos;
    }

    /// <summary>Decodes fixed-length byte arrays of <paramref name="width"/> bytes.</summary>
    public static int ReadFixedLenByteArray(ReadOnlySpan<byte> src, int width, Span<byte[]> dst)
    {
        if (width < 0)
        {
            throw CorruptData.Error($"FIXED_LEN_BYTE_ARRAY width {width} is negative");
        }

        var bytes = (long)width * dst.Length;
        if (bytes > src.Length)
        {
            throw CorruptData.Error($"PLAIN FIXED_LEN_BYTE_ARRAY data holds {src.Length} bytes, {bytes} needed");
        }

        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = src.Slice(i * width, width).ToArray();
        }

        return (int)bytes;
    }
}
