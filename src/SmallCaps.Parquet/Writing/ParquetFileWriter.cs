using SmallCaps.Parquet.Format;
using SmallCaps.Parquet.Writing;

namespace SmallCaps.Parquet;

/// <summary>
/// Writes one Parquet file: <c>PAR1</c>, row groups (column chunks in schema order, V1 data pages,
/// dictionary pages first), the Thrift compact FileMetaData, its 4-byte length and <c>PAR1</c>.
/// </summary>
/// <remarks>
/// Rows go out as row groups fill; the writer holds at most one row group of encoded pages. Call
/// <see cref="CompleteAsync"/> to finish; disposing without it aborts (no footer, so the bytes never
/// look like a valid file; <see cref="CreateFile(string, ParquetSchema, ParquetWriterOptions?)"/> deletes its temporary file). Not thread-safe.
/// A worker writing many files passes its own <see cref="ParquetWriteBuffers"/> to the <c>Create</c>/<c>CreateFile</c>
/// overloads so the encoders' memory is reused from file to file instead of becoming garbage.
/// </remarks>
public sealed class ParquetFileWriter : IAsyncDisposable, IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly Stream _stream;
    private readonly string? _tempPath;
    private readonly string? _finalPath;
    private readonly ParquetSchema _schema;
    private readonly ParquetWriterOptions _options;
    private readonly ColumnChunkWriter[] _columns;
    private readonly CompressionCodec _codec;
    private readonly ParquetWriteBuffers? _buffers;
    private bool _columnsReleased;
    private readonly List<RowGroup> _rowGroups = [];
    private long _position;
    private int _rowGroupRows;

    private ParquetFileWriter(Stream stream, ParquetSchema schema, ParquetWriterOptions options, string? tempPath, string? finalPath, ParquetWriteBuffers? buffers)
    {
        _stream = stream;
        _schema = schema;
        _options = options;
        _tempPath = tempPath;
        _finalPath = finalPath;
        var codec = options.Compression switch
        {
            ParquetCompression.None => CompressionCodec.Uncompressed,
            ParquetCompression.Snappy => CompressionCodec.Snappy,
            ParquetCompression.Gzip => CompressionCodec.Gzip,
            ParquetCompression.Brotli => CompressionCodec.Brotli,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Compression, "Unknown compression."),
        };
        _codec = codec;
        ColumnChunkWriter[] Build() => [.. SchemaBuilder.Leaves(schema).Select(leaf => CreateColumnWriter(leaf, options, codec))];
        _columns = buffers is null ? Build() : buffers.Rent(schema, options, codec, Build);
        _buffers = buffers;
    }

    /// <summary>Rows accepted so far.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>Where the writer is in its lifecycle.</summary>
    public ParquetWriterState State { get; private set; }

    /// <summary>Writes to <paramref name="destination"/> from its current position; the caller keeps ownership of the stream.</summary>
    public static ParquetFileWriter Create(Stream destination, ParquetSchema schema, ParquetWriterOptions? options = null) =>
        CreateCore(destination, schema, options, null);

    /// <summary>
    /// As <see cref="Create(Stream, ParquetSchema, ParquetWriterOptions?)"/>, borrowing encoder memory from
    /// <paramref name="buffers"/> (given back on complete or dispose) so a worker writing many files reuses it.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another open writer is using <paramref name="buffers"/>.</exception>
    public static ParquetFileWriter Create(Stream destination, ParquetSchema schema, ParquetWriterOptions? options, ParquetWriteBuffers buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        return CreateCore(destination, schema, options, buffers);
    }

    /// <summary>
    /// As <see cref="CreateFile(string, ParquetSchema, ParquetWriterOptions?)"/>, borrowing encoder memory from
    /// <paramref name="buffers"/> (given back on complete or dispose).
    /// </summary>
    /// <exception cref="InvalidOperationException">Another open writer is using <paramref name="buffers"/>.</exception>
    public static ParquetFileWriter CreateFile(string finalPath, ParquetSchema schema, ParquetWriterOptions? options, ParquetWriteBuffers buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        return CreateFileCore(finalPath, schema, options, buffers);
    }

    /// <summary>
    /// Writes to a hidden temporary sibling of <paramref name="finalPath"/>; <see cref="CompleteAsync"/>
    /// flushes it to disk and atomically renames it over <paramref name="finalPath"/>; abort deletes it.
    /// </summary>
    public static ParquetFileWriter CreateFile(string finalPath, ParquetSchema schema, ParquetWriterOptions? options = null) =>
        CreateFileCore(finalPath, schema, options, null);

    private static ParquetFileWriter CreateCore(Stream destination, ParquetSchema schema, ParquetWriterOptions? options, ParquetWriteBuffers? buffers)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(schema);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream is not writable.", nameof(destination));
        }

        return new ParquetFileWriter(destination, schema, options ?? new ParquetWriterOptions(), null, null, buffers);
    }

    private static ParquetFileWriter CreateFileCore(string finalPath, ParquetSchema schema, ParquetWriterOptions? options, ParquetWriteBuffers? buffers)
    {
        ArgumentException.ThrowIfNullOrEmpty(finalPath);
        ArgumentNullException.ThrowIfNull(schema);
        var full = Path.GetFullPath(finalPath);
        var directory = Path.GetDirectoryName(full) ?? throw new ArgumentException("The path has no directory.", nameof(finalPath));
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        try
        {
            return new ParquetFileWriter(stream, schema, options ?? new ParquetWriterOptions(), temp, full, buffers);
        }
        catch
        {
            stream.Dispose();
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Encodes the batch's rows (every column must hold the same number); full row groups are written
    /// out. The batch may be cleared and reused as soon as this returns.
    /// </summary>
    public async ValueTask WriteAsync(ColumnBatch batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfNotOpen();
        if (!ReferenceEquals(batch.Schema, _schema) && !batch.Schema.Columns.SequenceEqual(_schema.Columns))
        {
            throw new ArgumentException("The batch was built for a different schema.", nameof(batch));
        }

        var rows = batch.ValidateRowCount();
        ct.ThrowIfCancellationRequested();
        try
        {
            var from = 0;
            while (from < rows)
            {
                var take = Math.Min(rows - from, _options.RowGroupRows - _rowGroupRows);
                for (var c = 0; c < _columns.Length; c++)
                {
                    _columns[c].Append(batch.Column(c), from, take);
                }

                from += take;
                _rowGroupRows += take;
                RowsWritten += take;
                if (_rowGroupRows == _options.RowGroupRows)
                {
                    await FlushRowGroupAsync(ct);
                }
            }
        }
        catch
        {
            State = ParquetWriterState.Faulted;
            throw;
        }
    }

    /// <summary>Writes the last row group and the footer, flushes, and (for <see cref="CreateFile(string, ParquetSchema, ParquetWriterOptions?)"/>) publishes the file.</summary>
    public async ValueTask CompleteAsync(CancellationToken ct = default)
    {
        ThrowIfNotOpen();
        try
        {
            if (_rowGroupRows > 0)
            {
                await FlushRowGroupAsync(ct);
            }

            await WriteMagicOnceAsync(ct);
            await WriteFooterAsync(ct);
            await _stream.FlushAsync(ct);
            if (_tempPath is not null)
            {
                ((FileStream)_stream).Flush(flushToDisk: true);
                await _stream.DisposeAsync();
                File.Move(_tempPath, _finalPath!, overwrite: true);
            }

            State = ParquetWriterState.Completed;
            ReleaseColumns(reusable: true);
        }
        catch
        {
            State = ParquetWriterState.Faulted;
            throw;
        }
    }

    /// <summary>Completes nothing: an open writer is aborted (no footer; a temporary file is deleted).</summary>
    public void Dispose()
    {
        // A faulted writer may have stopped mid-page: its encoders are released, never reused.
        var reusable = State != ParquetWriterState.Faulted;
        Abort();
        ReleaseColumns(reusable);
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static ColumnChunkWriter CreateColumnWriter(LeafColumn leaf, ParquetWriterOptions options, CompressionCodec codec) => leaf.Spec.Type switch
    {
        ColumnType.Int32 or ColumnType.Date => new FixedWidthColumnWriter<int>(leaf, options, codec),
        ColumnType.Int64 or ColumnType.Timestamp => new FixedWidthColumnWriter<long>(leaf, options, codec),
        ColumnType.Double => new FixedWidthColumnWriter<double>(leaf, options, codec),
        ColumnType.Boolean => new BooleanColumnWriter(leaf, options, codec),
        ColumnType.String => new StringColumnWriter(leaf, options, codec),
        ColumnType.Int32List => new Int32ListColumnWriter(leaf, options, codec),
        _ => throw new NotSupportedException($"Column type {leaf.Spec.Type} is not supported."),
    };

    private void Abort()
    {
        if (State is ParquetWriterState.Open or ParquetWriterState.Faulted)
        {
            State = ParquetWriterState.Aborted;
            if (_tempPath is not null)
            {
                try
                {
                    _stream.Dispose();
                }
                finally
                {
                    File.Delete(_tempPath);
                }
            }
        }
    }

    private void ReleaseColumns(bool reusable)
    {
        if (_columnsReleased)
        {
            return;
        }

        _columnsReleased = true;
        if (_buffers is not null)
        {
            _buffers.Return(_schema, _options, _codec, _columns, reusable);
            return;
        }

        foreach (var c in _columns)
        {
            c.Dispose();
        }
    }

    private void ThrowIfNotOpen()
    {
        if (State != ParquetWriterState.Open)
        {
            throw new InvalidOperationException($"The Parquet writer is {State}; it accepts no more calls.");
        }
    }

    private async ValueTask WriteMagicOnceAsync(CancellationToken ct)
    {
        if (_position == 0)
        {
            await _stream.WriteAsync(Magic, ct);
            _position = Magic.Length;
        }
    }

    private async ValueTask FlushRowGroupAsync(CancellationToken ct)
    {
        await WriteMagicOnceAsync(ct);
        var group = new RowGroup { NumRows = _rowGroupRows, FileOffset = _position, Ordinal = _rowGroups.Count <= short.MaxValue ? (short)_rowGroups.Count : null };
        long uncompressed = 0;
        long compressed = 0;
        foreach (var column in _columns)
        {
            var chunk = await column.WriteChunkAsync(_stream, _position, ct);
            var meta = chunk.MetaData!;
            _position += meta.TotalCompressedSize;
            uncompressed += meta.TotalUncompressedSize;
            compressed += meta.TotalCompressedSize;
            group.Columns.Add(chunk);
        }

        group.TotalByteSize = uncompressed;
        group.TotalCompressedSize = compressed;
        _rowGroups.Add(group);
        _rowGroupRows = 0;
    }

    private async ValueTask WriteFooterAsync(CancellationToken ct)
    {
        var meta = new FileMetaData
        {
            Version = 1,
            Schema = SchemaBuilder.Elements(_schema),
            NumRows = RowsWritten,
            RowGroups = _rowGroups,
            CreatedBy = _options.CreatedBy,
            KeyValueMetadata = _options.KeyValueMetadata.Count == 0
                ? null
                : [.. _options.KeyValueMetadata.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new KeyValue { Key = p.Key, Value = p.Value })],
            ColumnOrders = [.. _columns.Select(_ => new ColumnOrder())],
        };
        using var buffer = new ByteBuffer(4096);
        meta.Write(new CompactWriter(buffer));
        var length = buffer.Length;
        buffer.WriteInt32LittleEndian(length);
        buffer.Write(Magic);
        await _stream.WriteAsync(buffer.WrittenMemory, ct);
        _position += buffer.Length;
    }
}
