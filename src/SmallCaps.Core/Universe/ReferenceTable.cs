using SmallCaps.Core.Lake;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Universe;

/// <summary>A small reference table: its columns, written to lake files (<see cref="ReferencePart{T}"/>) or to an output file (temporary name, flush to disk, atomic rename).</summary>
internal sealed class ReferenceTable<T>
{
    private readonly IReadOnlyList<ReferenceColumn<T>> _columns;

    public ReferenceTable(IReadOnlyList<ReferenceColumn<T>> columns)
    {
        _columns = columns;
        Schema = new ParquetSchema([.. columns.Select(c => c.Spec)]);
    }

    public ParquetSchema Schema { get; }

    /// <summary>Opens a lake file of this table (a ledger task's file), published by its commit.</summary>
    public ReferencePart<T> OpenPart(string outdir, string relativePath) => new(outdir, relativePath, _columns, Schema);

    /// <summary>Writes an output file outside the lake on the system clock.</summary>
    public Task<long> WriteAsync(string finalPath, IEnumerable<T> rows, CancellationToken cancellationToken) =>
        WriteAsync(finalPath, rows, TimeProvider.System, cancellationToken);

    /// <summary>Writes an output file outside the lake (e.g. <c>--out-parquet</c>); a held old file is handled by <see cref="Output.ResultFile"/>.</summary>
    public async Task<long> WriteAsync(string finalPath, IEnumerable<T> rows, TimeProvider time, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(finalPath))!;
        Directory.CreateDirectory(directory);
        var temp = Output.ResultFile.TempFor(finalPath);
        try
        {
            var count = await WriteFileAsync(temp, rows, cancellationToken);
            await Output.ResultFile.ReplaceAsync(temp, finalPath, time);
            DirectorySync.Flush(directory);
            return count;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<long> WriteFileAsync(string path, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var batch = new ReferenceRowBatch<T>(_columns, Schema);
        await using var writer = ParquetFileWriter.CreateFile(path, Schema);
        foreach (var row in rows)
        {
            batch.Append(row);
            if (batch.IsFull)
            {
                await writer.WriteAsync(batch.Batch, cancellationToken);
                batch.Batch.Clear();
            }
        }

        if (batch.Batch.RowCount > 0)
        {
            await writer.WriteAsync(batch.Batch, cancellationToken);
        }

        var count = writer.RowsWritten;
        await writer.CompleteAsync(cancellationToken);
        return count;
    }
}
