using System.Runtime.InteropServices;

namespace SmallCaps.Parquet.Compression;

/// <summary>
/// Binds libzstd at run time (no package carries it): tries libzstd.so.1, libzstd, zstd. When none
/// loads, <see cref="IsAvailable"/> is false and callers report the codec as unavailable.
/// </summary>
internal static unsafe class ZstdNative
{
    private static readonly string[] LibraryNames = ["libzstd.so.1", "libzstd", "zstd", "libzstd.1.dylib", "libzstd.dylib"];
    private static readonly Lazy<Api?> Loaded = new(() => Load(LibraryNames));

    public static bool IsAvailable => Loaded.Value is not null;

    /// <summary>Decompresses every frame in <paramref name="source"/>; returns bytes written or throws with zstd's error name.</summary>
    public static int Decompress(ReadOnlySpan<byte> source, Span<byte> destination, string codecContext)
    {
        var api = Require(codecContext);
        nuint result;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            result = api.Decompress(dst, (nuint)destination.Length, src, (nuint)source.Length);
        }

        if (api.IsError(result) != 0)
        {
            throw new InvalidDataException($"zstd: {Marshal.PtrToStringUTF8((IntPtr)api.GetErrorName(result))}");
        }

        return checked((int)result);
    }

    /// <summary>Compresses one frame (used by tests to produce ZSTD pages).</summary>
    public static byte[] Compress(ReadOnlySpan<byte> source, int level = 3)
    {
        var api = Require("ZSTD");
        var bound = api.CompressBound((nuint)source.Length);
        var buffer = new byte[checked((int)bound)];
        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = buffer)
        {
            written = api.Compress(dst, bound, src, (nuint)source.Length, level);
        }

        if (api.IsError(written) != 0)
        {
            throw new InvalidDataException($"zstd: {Marshal.PtrToStringUTF8((IntPtr)api.GetErrorName(written))}");
        }

        return buffer.AsSpan(0, checked((int)written)).ToArray();
    }

    /// <summary>Whether any of <paramref name="names"/> loads as a usable libzstd (lets tests probe the missing-library path).</summary>
    internal static bool CanLoad(IEnumerable<string> names) => Load(names) is not null;

    /// <summary>The error raised when libzstd is missing; names the codec (and file, via <paramref name="codecContext"/>).</summary>
    internal static NotSupportedException Unavailable(string codecContext) =>
        new($"{codecContext} compression is unavailable: the native zstd library (libzstd.so.1 / libzstd / zstd) could not be loaded on this machine; install libzstd (e.g. apt-get install libzstd1).");

    private static Api Require(string codecContext) => Loaded.Value ?? throw Unavailable(codecContext);

    private static Api? Load(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!NativeLibrary.TryLoad(name, typeof(ZstdNative).Assembly, null, out var handle))
            {
                continue;
            }

            if (NativeLibrary.TryGetExport(handle, "ZSTD_decompress", out var decompress)
                && NativeLibrary.TryGetExport(handle, "ZSTD_isError", out var isError)
                && NativeLibrary.TryGetExport(handle, "ZSTD_getErrorName", out var errorName)
                && NativeLibrary.TryGetExport(handle, "ZSTD_compress", out var compress)
                && NativeLibrary.TryGetExport(handle, "ZSTD_compressBound", out var bound))
            {
                return new Api(
                    (delegate* unmanaged<byte*, nuint, byte*, nuint, nuint>)decompress,
                    (delegate* unmanaged<nuint, uint>)isError,
                    (delegate* unmanaged<nuint, byte*>)errorName,
                    (delegate* unmanaged<byte*, nuint, byte*, nuint, int, nuint>)compress,
                    (delegate* unmanaged<nuint, nuint>)bound);
            }
        }

        return null;
    }

    private sealed class Api(
        delegate* unmanaged<byte*, nuint, byte*, nuint, nuint> decompress,
        delegate* unmanaged<nuint, uint> isError,
        delegate* unmanaged<nuint, byte*> getErrorName,
        delegate* unmanaged<byte*, nuint, byte*, nuint, int, nuint> compress,
        delegate* unmanaged<nuint, nuint> compressBound)
    {
        public nuint Decompress(byte* dst, nuint capacity, byte* src, nuint length) => decompress(dst, capacity, src, length);

        public uint IsError(nuint code) => isError(code);

        public byte* GetErrorName(nuint code) => getErrorName(code);

        public nuint Compress(byte* dst, nuint capacity, byte* src, nuint length, int level) => compress(dst, capacity, src, length, level);

        public nuint CompressBound(nuint length) => compressBound(length);
    }
}
