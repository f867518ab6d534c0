using SmallCaps.Parquet.Format;
using SmallCaps.Parquet.Writing;

namespace SmallCaps.Parquet;

/// <summary>
/// Encoder memory (page and chunk buffers, staging arrays, dictionaries) that a
/// <see cref="ParquetFileWriter"/> borrows and gives back, so one worker writing file after file reuses
/// it instead of allocating about 2 MB per file. Pass the same instance to
/// <see cref="ParquetFileWriter.Create(Stream, ParquetSchema, ParquetWriterOptions?, ParquetWriteBuffers)"/>
/// for each file; files come out byte-identical to those of a writer without buffers.
/// </summary>
/// <remarks>
/// <para>One writer at a time: a writer borrows the buffers when created and gives them back when it
/// completes or is disposed (an aborted file's leftovers are cleared; a faulted writer's are dropped).
/// Creating a second writer while one is open throws <see cref="InvalidOperationException"/>. Not
/// thread-safe: keep one instance per worker (sequential async use across threads is fine).</para>
/// <para>Bounded: it keeps the column encoders of at most <see cref="MaxSchemas"/> (schema, page rows,
/// codec) shapes, least recently used dropped first, and never more than <see cref="MaxRetainedBytes"/>;
/// a shape that would exceed it is released to the shared array pool instead of kept.
/// Dispose releases everything. What it keeps is what one open writer needs anyway: about one row group
/// of encoded pages per column plus page-sized scratch (about 4 MB for minute-bar files with 65,536-row groups).</para>
/// </remarks>
public sealed class ParquetWriteBuffers : IDisposable
{
    /// <summary>Most distinct shapes kept (bars, trades and quotes fit).</summary>
    public const int MaxSchemas = 4;

    private readonly List<ColumnWriterSet> _idle = [];
    private int _inUse;
    private bool _disposed;

    /// <summary>Creates an empty set; memory is taken by the first file of each shape.</summary>
    /// <param name="maxRetainedBytes">Upper bound on memory kept between files (default 64 MiB).</param>
    public ParquetWriteBuffers(long maxRetainedBytes = 64L << 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetainedBytes);
        MaxRetainedBytes = maxRetainedBytes;
    }

    /// <summary>Upper bound on <see cref="RetainedBytes"/>.</summary>
    public long MaxRetainedBytes { get; }

    /// <summary>Memory kept for the next file (0 while a writer has the buffers borrowed).</summary>
    public long RetainedBytes => _idle.Sum(s => s.RetainedBytes);

    /// <summary>Shapes kept idle (tests check the bound).</summary>
    internal int IdleShapes => _idle.Count;

    /// <summary>Releases all kept memory to the shared array pool; a writer still open keeps working and frees its own on dispose.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var set in _idle)
        {
            set.Dispose();
        }

        _idle.Clear();
    }

    /// <summary>Borrows encoders for <paramref name="schema"/>, reusing an idle set of the same shape or building one.</summary>
    internal ColumnChunkWriter[] Rent(ParquetSchema schema, ParquetWriterOptions options, CompressionCodec codec, Func<ColumnChunkWriter[]> create)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _inUse, 1) != 0)
        {
            throw new InvalidOperationException("These ParquetWriteBuffers are already used by an open ParquetFileWriter; complete or dispose it first, or give each worker its own.");
        }

        try
        {
            var dictionaries = options.DictionaryPageLimitBytes > 0;
            for (var i = _idle.Count - 1; i >= 0; i--)
            {
                var set = _idle[i];
                if (set.Matches(schema, options.PageRows, codec, dictionaries))
                {
                    _idle.RemoveAt(i);
                    foreach (var writer in set.Writers)
                    {
                        writer.Rebind(options);
                    }

                    return set.Writers;
                }
            }

            return create();
        }
        catch
        {
            Volatile.Write(ref _inUse, 0);
            throw;
        }
    }

    /// <summary>Takes the encoders back: cleared and kept when <paramref name="reusable"/> and within bounds, else released.</summary>
    internal void Return(ParquetSchema schema, ParquetWriterOptions options, CompressionCodec codec, ColumnChunkWriter[] writers, bool reusable)
    {
        var set = new ColumnWriterSet([.. schema.Columns], options.PageRows, codec, options.DictionaryPageLimitBytes > 0, writers);
        try
        {
            if (!reusable || _disposed)
            {
                set.Dispose();
                return;
            }

            foreach (var writer in writers)
            {
                writer.ResetForNewFile();
            }

            _idle.Add(set);
            var retained = RetainedBytes;
            while (_idle.Count > 0 && (_idle.Count > MaxSchemas || retained > MaxRetainedBytes))
            {
                // Least recently used first; the set just returned goes last, so alone over the bound it is released too.
                retained -= _idle[0].RetainedBytes;
                _idle[0].Dispose();
                _idle.RemoveAt(0);
            }
        }
        finally
        {
            Volatile.Write(ref _inUse, 0);
        }
    }
}
