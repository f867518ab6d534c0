using System.Buffers;
using System.IO.Compression;
using SmallCaps.Parquet.Encodings;
using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Compression;

/// <summary>
/// Decompresses page bodies for the reader. The declared uncompressed size is checked before any
/// allocation (absolute cap and per-codec ratio) and the output must match it exactly.
/// </summary>
internal static class PageDecompressor
{
    /// <summary>Largest uncompressed page accepted (pages are normally about 1 MiB).</summary>
    public const int MaxUncompressedPageSize = 1 << 30;

    /// <summary>Throws unless <paramref name="uncompressedSize"/> is plausible for <paramref name="compressedSize"/> bytes of <paramref name="codec"/>.</summary>
    public static void ValidateDeclaredSize(CompressionCodec codec, int compressedSize, int uncompressedSize, string? sourceName = null)
    {
        if (uncompressedSize < 0 || uncompressedSize > MaxUncompressedPageSize)
        {
            throw new ParquetFormatException(sourceName, $"page declares an uncompressed size of {uncompressedSize} bytes (limit {MaxUncompressedPageSize})");
        }

        // The most any byte of each format can expand to (with margin); larger claims are corrupt or hostile.
        // Brotli really reaches over 1,000,000:1 on runs of zeros, zstd about 32,000:1, deflate 1,032:1.
        long maxRatio = codec switch
        {
            CompressionCodec.Uncompressed => 1,
            CompressionCodec.Snappy => 32,
            CompressionCodec.Gzip => 1100,
            CompressionCodec.Zstd => 1 << 16,
            _ => 1 << 21,
        };
        var bound = codec == CompressionCodec.Uncompressed ? compressedSize : (compressedSize * maxRatio) + 4096;
        if (uncompressedSize > bound || (codec == CompressionCodec.Uncompressed && uncompressedSize != compressedSize))
        {
            throw new ParquetFormatException(sourceName, $"page declares {uncompressedSize} uncompressed bytes from {compressedSize} {codec} bytes, which is impossible");
        }
    }

    /// <summary>Decompresses into a new array of exactly <paramref name="uncompressedSize"/> bytes.</summary>
    public static byte[] Decompress(CompressionCodec codec, ReadOnlySpan<byte> source, int uncompressedSize, string? sourceName = null)
    {
        ValidateDeclaredSize(codec, source.Length, uncompressedSize, sourceName);
        var result = GC.AllocateUninitializedArray<byte>(uncompressedSize);
        Decompress(codec, source, result, sourceName);
        return result;
    }

    /// <summary>Decompresses <paramref name="source"/> into all of <paramref name="destination"/> (its length is the declared size).</summary>
    public static void Decompress(CompressionCodec codec, ReadOnlySpan<byte> source, Span<byte> destination, string? sourceName = null)
    {
        ValidateDeclaredSize(codec, source.Length, destination.Length, sourceName);
        int written;
        try
        {
            written = codec switch
            {
                CompressionCodec.Uncompressed => Copy(source, destination),
                CompressionCodec.Snappy => Snappy(source, destination, sourceName),
                CompressionCodec.Gzip => Gzip(source, destination),
                CompressionCodec.Brotli => Brotli(source, destination, sourceName),
                CompressionCodec.Zstd => ZstdNative.Decompress(source, destination, "ZSTD"),
                _ => throw new ParquetFormatException(sourceName, $"compression codec {codec} is not supported"),
            };
        }
        catch (NotSupportedException ex)
        {
            throw new ParquetFormatException(sourceName, $"cannot decompress {codec} page: {ex.Message}", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new ParquetFormatException(sourceName, $"corrupt {codec} page: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException)
        {
            throw new ParquetFormatException(sourceName, $"corrupt {codec} page: {ex.Message}", ex);
        }

        if (written != destination.Length)
        {
            throw new ParquetFormatException(sourceName, $"{codec} page decompressed to {written} bytes but declares {destination.Length}");
        }
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    private static int Snappy(ReadOnlySpan<byte> source, Span<byte> destination, string? sourceName)
    {
        // One Snappy decoder for the whole engine: the span decoder checks every tag and length and allocates nothing.
        try
        {
            SnappyDecoder.Decode(source, destination);
        }
        catch (ParquetFormatException ex) when (sourceName is not null)
        {
            throw new ParquetFormatException(sourceName, $"corrupt SNAPPY page: {ex.Message}", ex);
        }

        return destination.Length;
    }

    private static unsafe int Gzip(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* p = source)
        {
            using var input = new UnmanagedMemoryStream(p, source.Length);

            // GZipStream reads every concatenated member, as RFC 1952 and some writers require.
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            var total = 0;
            while (total < destination.Length)
            {
                var n = gzip.Read(destination[total..]);
                if (n == 0)
                {
                    return total;
                }

                total += n;
            }

            Span<byte> probe = stackalloc byte[1];
            return gzip.Read(probe) == 0 ? total : total + 1;
        }
    }

    private static int Brotli(ReadOnlySpan<byte> source, Span<byte> destination, string? sourceName)
    {
        using var decoder = new BrotliDecoder();
        var status = decoder.Decompress(source, destination, out var consumed, out var written);
        if (status == OperationStatus.Done)
        {
            return written;
        }

        if (status == OperationStatus.DestinationTooSmall)
        {
            return written + 1;
        }

        throw new ParquetFormatException(sourceName, $"corrupt BROTLI page ({status} after {consumed} bytes)");
    }
}
