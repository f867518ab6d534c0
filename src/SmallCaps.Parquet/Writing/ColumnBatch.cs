namespace SmallCaps.Parquet;

/// <summary>
/// A reusable set of column buffers for one <see cref="ParquetSchema"/>: append values column by
/// column, hand the batch to <see cref="ParquetFileWriter.WriteAsync"/>, then <see cref="Clear"/> and reuse.
/// </summary>
public sealed class ColumnBatch
{
    private readonly ColumnBuffer[] _columns;

    /// <summary>Creates buffers for every column, sized for <paramref name="capacity"/> rows (they grow beyond it).</summary>
    public ColumnBatch(ParquetSchema schema, int capacity = 65536)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Schema = schema;
        _columns = new ColumnBuffer[schema.Columns.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            var spec = schema.Columns[i];
            _columns[i] = spec.Type switch
            {
                ColumnType.Int32 or ColumnType.Date => new Int32ColumnBuffer(spec, capacity),
                ColumnType.Int64 or ColumnType.Timestamp => new Int64ColumnBuffer(spec, capacity),
                ColumnType.Double => new DoubleColumnBuffer(spec, capacity),
                ColumnType.Boolean => new BooleanColumnBuffer(spec, capacity),
                ColumnType.String => new StringColumnBuffer(spec, capacity),
                ColumnType.Int32List => new Int32ListColumnBuffer(spec, capacity),
                _ => throw new NotSupportedException($"Column type {spec.Type} is not supported."),
            };
        }
    }

    /// <summary>The schema the buffers follow.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>Rows in the batch: the first column's count (the writer checks every column agrees).</summary>
    public int RowCount => _columns.Length == 0 ? 0 : _columns[0].Count;

    /// <summary>Empties every buffer, keeping their memory.</summary>
    public void Clear()
    {
        foreach (var c in _columns)
        {
            c.Clear();
        }
    }

    /// <summary>Buffer of an Int32 or Date column.</summary>
    public Int32ColumnBuffer Int32Column(int index) => Get<Int32ColumnBuffer>(index);

    /// <summary>Buffer of an Int64 or Timestamp column.</summary>
    public Int64ColumnBuffer Int64Column(int index) => Get<Int64ColumnBuffer>(index);

    /// <summary>Buffer of a Double column.</summary>
    public DoubleColumnBuffer DoubleColumn(int index) => Get<DoubleColumnBuffer>(index);

    /// <summary>Buffer of a Boolean column.</summary>
    public BooleanColumnBuffer BooleanColumn(int index) => Get<BooleanColumnBuffer>(index);

    /// <summary>Buffer of a String column.</summary>
    public StringColumnBuffer StringColumn(int index) => Get<StringColumnBuffer>(index);

    /// <summary>Buffer of an Int32List column.</summary>
    public Int32ListColumnBuffer Int32ListColumn(int index) => Get<Int32ListColumnBuffer>(index);

    internal ColumnBuffer Column(int index) => _columns[index];

    /// <summary>Throws unless every column holds the same number of rows; returns that number.</summary>
    internal int ValidateRowCount()
    {
        var rows = RowCount;
        foreach (var c in _columns)
        {
            if (c.Count != rows)
            {
                throw new InvalidOperationException($"Column '{c.Spec.Name}' has {c.Count} rows but column '{_columns[0].Spec.Name}' has {rows}; every column of a batch must have the same number of rows.");
            }
        }

        return rows;
    }

    private T Get<T>(int index)
        where T : ColumnBuffer
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _columns.Length);
        return _columns[index] as T
            ?? throw new InvalidOperationException($"Column {index} ('{_columns[index].Spec.Name}') is {_columns[index].Spec.Type}; it has no {typeof(T).Name}.");
    }
}
