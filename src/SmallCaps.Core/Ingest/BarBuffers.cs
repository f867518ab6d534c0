using SmallCaps.Core.Api;
using SmallCaps.Core.Lake;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Ingest;

/// <summary>Buffers one worker reuses from bar task to bar task: they are large (LOH) and identical across tasks.</summary>
internal sealed class BarBuffers : IDisposable
{
    // Socket reads of up to 256 KiB: fewer read calls than 64 KiB ones, and no read buffer allocated per task. Kept by
    // the worker, because a fresh array this large per task would land on the large-object heap.
    private const int ReadSize = 256 * 1024;

    /// <summary>The array responses are read into.</summary>
    public byte[] ReadBuffer { get; } = new byte[ReadSize];

    /// <summary>
    /// Decoded bars: the client hands them on once 8,192 have piled up, checked after every read of at most one read
    /// buffer, and a bar takes at least 32 bytes of JSON, so the page never grows past this.
    /// </summary>
    public BarPage Page { get; } = new(BarStreamDecoder.DefaultDrainRows + (ReadSize / 32));

    /// <summary>Column buffers of the part file being written.</summary>
    public ColumnBatch Batch { get; } = new(BarSchema.Schema, 8192);

    /// <summary>Parquet encoders reused file after file (~4 MB kept instead of ~1.7 MB of garbage per file).</summary>
    public ParquetWriteBuffers Writer { get; } = new();

    /// <inheritdoc/>
    public void Dispose() => Writer.Dispose();
}
