using SmallCaps.Parquet;

namespace SmallCaps.Core.Ticks;

/// <summary>Buffers one worker reuses from tick task to tick task: they are large and identical across tasks.</summary>
/// <param name="kind">Trades or quotes: picks the column layout.</param>
internal sealed class TickBuffers(TickKind kind) : IDisposable
{
    /// <summary>Decoded page.</summary>
    public TickPage Page { get; } = new();

    /// <summary>Column buffers of the part file being written.</summary>
    public ColumnBatch Batch { get; } = new(TickSchema.For(kind).Schema, 4096);

    /// <summary>Parquet encoders reused file after file.</summary>
    public ParquetWriteBuffers Writer { get; } = new();

    /// <inheritdoc/>
    public void Dispose() => Writer.Dispose();
}
