using SmallCaps.Parquet.Reading;

namespace SmallCaps.Parquet.Encodings;

/// <summary>Decodes BYTE_STREAM_SPLIT: byte k of value i lives at <c>k * count + i</c>.</summary>
internal static class ByteStreamSplitDecoder
{
    /// <summary>Reassembles <paramref name="count"/> values of <paramref name="width"/> bytes into <paramref name="dst"/> (little-endian order).</summary>
    public static void Decode(ReadOnlySpan<byte> src, int width, int count, Span<byte> dst)
    {
        var bytes = (long)width * count;
        if (width <= 0 || bytes > src.Length || bytes > dst.Length)
        {
            throw CorruptData.Error($"BYTE_STREAM_SPLIT needs {bytes} bytes for {count} values of width {width}, page holds {src.Length}");
        }

        for (var k = 0; k < width; k++)
        {
            var stream = src.Slice(k * count, count);
            for (var i = 0; i < count; i++)
            {
                dst[(i * width) + k] = stream[i];
            }
        }
    }
}
