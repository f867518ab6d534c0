using SmallCaps.Core.Api;
using SmallCaps.Core.Lake;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Ingest;

/// <summary>Buffers one worker reuses from bar task to bar task: they are large (LOH) and identical across tasks.</summary>
internal sealed class BarBuffers : IDisposable
{
    /// <summary>Decoded bars; the client hands them on every ~8,192 bars mid-body, so room for twice that never grows.</summary>
    public BarPage Page { get; } = new(2 * BarStreamDecoder.DefaultDrainRows);

    /// <summary>Column buffers of the part file being written.</summary>
    public ColumnBatch Batch { get; } = new(BarSchema.Schema, 8192);

    /// <summary>Parquet encoders reused file after file (~4 MB kept instead of ~1.7 MB of garbage per file).</summary>
    public ParquetWriteBuffers Writer { get; } = new();

    /// <inheritdoc/>
    public void Dispose() => Writer.Dispose();
}
