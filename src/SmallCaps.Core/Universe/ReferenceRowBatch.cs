using SmallCaps.Parquet;

namespace SmallCaps.Core.Universe;

/// <summary>Rows of a reference table staged column by column until a batch is full.</summary>
internal sealed class ReferenceRowBatch<T>
{
    public const int Rows = 4096;

    private readonly IReadOnlyList<ReferenceColumn<T>> _columns;
    private readonly ColumnBuffer[] _buffers;

    public ReferenceRowBatch(IReadOnlyList<ReferenceColumn<T>> columns, ParquetSchema schema)
    {
        _columns = columns;
        Batch = new ColumnBatch(schema, Rows);
        _buffers = new ColumnBuffer[columns.Count];
        for (var c = 0; c < _buffers.Length; c++)
        {
            _buffers[c] = columns[c].Spec.Type switch
            {
                ColumnType.String => Batch.StringColumn(c),
                ColumnType.Double => Batch.DoubleColumn(c),
                ColumnType.Boolean => Batch.BooleanColumn(c),
                ColumnType.Int64 or ColumnType.Timestamp => Batch.Int64Column(c),
                _ => Batch.Int32Column(c),
            };
        }
    }

    public ColumnBatch Batch { get; }

    public bool IsFull => Batch.RowCount == Rows;

    public void Append(T row)
    {
        for (var c = 0; c < _columns.Count; c++)
        {
            _columns[c].Append(_buffers[c], row);
        }
    }
}
