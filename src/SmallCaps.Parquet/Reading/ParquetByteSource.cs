using Microsoft.Win32.SafeHandles;

namespace SmallCaps.Parquet.Reading;

/// <summary>Random access to the bytes of a Parquet file (a file handle or a seekable stream).</summary>
internal abstract class ParquetByteSource : IDisposable
{
    public abstract long Length { get; }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="offset"/>; throws when the file ends first.</summary>
    public abstract void Read(long offset, Span<byte> destination);

    public abstract void Dispose();

    /// <summary>Reads through positional I/O, so several columns can be read concurrently.</summary>
    internal sealed class FromFile(SafeFileHandle handle) : ParquetByteSource
    {
        private readonly long _length = RandomAccess.GetLength(handle);

        public override long Length => _length;

        public override void Read(long offset, Span<byte> destination)
        {
            while (!destination.IsEmpty)
            {
                var n = RandomAccess.Read(handle, destination, offset);
                if (n <= 0)
                {
                    throw CorruptData.Error($"file ends at byte {offset} while {destination.Length} more bytes were expected");
                }

                destination = destination[n..];
                offset += n;
            }
        }

        public override void Dispose() => handle.Dispose();
    }

    /// <summary>Reads a caller-owned seekable stream under a lock; the stream is not disposed.</summary>
    internal sealed class FromStream(Stream stream) : ParquetByteSource
    {
        private readonly object _gate = new();

        public override long Length => stream.Length;

        public override void Read(long offset, Span<byte> destination)
        {
            lock (_gate)
            {
                stream.Position = offset;
                while (!destination.IsEmpty)
                {
                    var n = stream.Read(destination);
                    if (n <= 0)
                    {
                        throw CorruptData.Error($"stream ends at byte {offset} while {destination.Length} more bytes were expected");
                    }

                    destination = destination[n..];
                    offset += n;
                }
            }
        }

        public override void Dispose()
        {
        }
    }
}
