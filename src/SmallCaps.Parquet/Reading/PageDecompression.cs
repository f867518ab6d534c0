using System.Buffers;
using SmallCaps.Parquet.Compression;
using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Reading;

/// <summary>Decompresses page bodies into pooled buffers (SNAPPY through our span decoder, the rest through <see cref="PageDecompressor"/>).</summary>
internal static class PageDecompression
{
    /// <summary>Decompresses into a rented buffer (returned by <see cref="Return"/>), or hands back <paramref name="body"/> itself when uncompressed.</summary>
    public static byte[]? Decompress(CompressionCodec codec, ReadOnlySpan<byte> body, int uncompressedSize, out ReadOnlySpan<byte> page)
    {
        if (codec == CompressionCodec.Uncompressed)
        {
            page = body;
            return null;
        }

        PageDecompressor.ValidateDeclaredSize(codec, body.Length, uncompressedSize);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(uncompressedSize, 1));
        try
        {
            DecompressInto(codec, body, buffer.AsSpan(0, uncompressedSize));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        page = buffer.AsSpan(0, uncompressedSize);
        return buffer;
    }

    /// <summary>Decompresses (or copies) <paramref name="body"/> to fill <paramref name="target"/> exactly.</summary>
    public static void DecompressInto(CompressionCodec codec, ReadOnlySpan<byte> body, Span<byte> target)
    {
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                if (body.Length != target.Length)
                {
                    throw CorruptData.Error($"uncompressed page holds {body.Length} bytes but declares {target.Length}");
                }

                body.CopyTo(target);
                break;
            case CompressionCodec.Snappy:
                SnappyDecoder.Decode(body, target);
                break;
            default:
                PageDecompressor.Decompress(codec, body, target);
                break;
        }
    }

    public static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
