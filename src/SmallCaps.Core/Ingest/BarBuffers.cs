using SmallCaps.Core.Api;
using SmallCaps.Core.Lake;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Ingest;

/// <summary>Buffers one worker reuses from bar task to bar task: they are large (LOH) and identical across tasks.</summary>
internal sealed class BarBuffers : IDisposable
{
    /// <summary>Decoded page; sized to the request limit (50,000 bars): growing by doubling would leave ~4 MB of large-object garbage per worker.</summary>
    public BarPage Page { get; } = new(50_000);

    /// <summary>Column buffers of the part file being written.</summary>
    public ColumnBatch Batch { get; } = new(BarSchema.Schema, 8192);

    /// <summary>Parquet encoders reused file after file (~4 MB kept instead of ~1.7 MB of garbage per file).</summary>
    public ParquetWriteBuffers Writer { get; } = new();

    /// <inheritdoc/>
    public void Dispose() => Writer.Dispose();
}
