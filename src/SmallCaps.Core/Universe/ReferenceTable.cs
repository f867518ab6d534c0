using SmallCaps.Core.Lake;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Universe;

/// <summary>Writes rows of a small reference table to one Parquet file: temporary name, flush to disk, atomic rename.</summary>
internal sealed class ReferenceTable<T>
{
    private readonly IReadOnlyList<ReferenceColumn<T>> _columns;

    public ReferenceTable(IReadOnlyList<ReferenceColumn<T>> columns)
    {
        _columns = columns;
        Schema = new ParquetSchema([.. columns.Select(c => c.Spec)]);
    }

    public ParquetSchema Schema { get; }

    public async Task<long> WriteAsync(string finalPath, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(finalPath))!;
        Directory.CreateDirectory(directory);
        var batch = new ColumnBatch(Schema, 4096);
        var buffers = new ColumnBuffer[_columns.Count];
        for (var c = 0; c < buffers.Length; c++)
        {
            buffers[c] = _columns[c].Spec.Type switch
            {
                ColumnType.String => batch.StringColumn(c),
                ColumnType.Double => batch.DoubleColumn(c),
                ColumnType.Boolean => batch.BooleanColumn(c),
                ColumnType.Int64 or ColumnType.Timestamp => batch.Int64Column(c),
                _ => batch.Int32Column(c),
            };
        }

        await using var writer = ParquetFileWriter.CreateFile(finalPath, Schema);
        foreach (var row in rows)
        {
            for (var c = 0; c < _columns.Count; c++)
            {
                _columns[c].Append(buffers[c], row);
            }

            if (batch.RowCount == 4096)
            {
                await writer.WriteAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.RowCount > 0)
        {
            await writer.WriteAsync(batch, cancellationToken);
        }

        var count = writer.RowsWritten;
        await writer.CompleteAsync(cancellationToken);
        DirectorySync.Flush(directory);
        return count;
    }
}
