using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Universe;

/// <summary>
/// One reference file of the lake being written (a ledger task's file): rows are appended as they arrive and go out
/// in batches to a <see cref="LakePartWriter"/>; <see cref="CommitAsync"/> publishes it (durable, renamed) and gives
/// what the ledger records. Dispose without commit deletes the temp file.
/// </summary>
internal sealed class ReferencePart<T> : IDisposable
{
    private static readonly ParquetWriterOptions WriterOptions = new() { RowGroupRows = 65_536 };
    private readonly LakePartWriter _writer;
    private readonly ReferenceRowBatch<T> _batch;

    public ReferencePart(string outdir, string relativePath, IReadOnlyList<ReferenceColumn<T>> columns, ParquetSchema schema)
    {
        _batch = new ReferenceRowBatch<T>(columns, schema);
        _writer = new LakePartWriter(outdir, relativePath, schema, WriterOptions);
    }

    public long Rows { get; private set; }

    public async Task AppendAsync(IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            _batch.Append(row);
            Rows++;
            if (_batch.IsFull)
            {
                await _writer.WriteAsync(_batch.Batch, cancellationToken);
                _batch.Batch.Clear();
            }
        }
    }

    /// <summary>Reference rows carry no bar times: first_t and last_t are recorded as 0.</summary>
    public async Task<CommittedFile> CommitAsync(CancellationToken cancellationToken)
    {
        if (_batch.Batch.RowCount > 0)
        {
            await _writer.WriteAsync(_batch.Batch, cancellationToken);
            _batch.Batch.Clear();
        }

        return await _writer.CommitAsync(Rows, 0, 0, cancellationToken);
    }

    public void Dispose() => _writer.Dispose();
}
