using System.IO.Compression;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Compression;

/// <summary>Compresses page bodies for the writer (block formats as Parquet's Compression.md requires).</summary>
internal static class PageCompressor
{
    /// <summary>Appends <paramref name="source"/> compressed with <paramref name="codec"/> to <paramref name="destination"/>; returns the compressed length.</summary>
    /// <param name="codec">The chunk's codec.</param>
    /// <param name="source">The page body.</param>
    /// <param name="destination">Where the compressed body goes.</param>
    /// <param name="values8At">Where the body's 8-byte PLAIN values start (they run to its end), or -1: Snappy then probes only at value starts.</param>
    public static int Compress(CompressionCodec codec, ReadOnlySpan<byte> source, ByteBuffer destination, int values8At = -1)
    {
        var before = destination.Length;
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                destination.Write(source);
                break;
            case CompressionCodec.Snappy:
                // Raw block format, never the framed stream (Parquet wants blocks).
                if (values8At >= 0)
                {
                    SnappyBlockEncoder.CompressValues8(source, values8At, destination);
                }
                else
                {
                    SnappyBlockEncoder.Compress(source, destination);
                }

                break;
            case CompressionCodec.Gzip:
                {
                    using var sink = new ByteBufferStream(destination);
                    using (var gzip = new GZipStream(sink, CompressionLevel.Optimal, leaveOpen: true))
                    {
                        gzip.Write(source);
                    }

                    break;
                }

            case CompressionCodec.Brotli:
                {
                    var max = BrotliEncoder.GetMaxCompressedLength(source.Length);
                    var span = destination.GetSpan(max);
                    if (!BrotliEncoder.TryCompress(source, span, out var written, quality: 5, window: 22))
                    {
                        throw new InvalidOperationException("Brotli compression did not fit its own bound.");
                    }

                    destination.Advance(written);
                    break;
                }

            case CompressionCodec.Zstd:
                destination.Write(ZstdNative.Compress(source));
                break;
            default:
                throw new NotSupportedException($"Writing {codec} compression is not supported.");
        }

        return destination.Length - before;
    }
}
