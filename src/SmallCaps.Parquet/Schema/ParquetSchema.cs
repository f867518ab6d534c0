namespace SmallCaps.Parquet;

/// <summary>A flat schema: an ordered list of leaf columns with unique names.</summary>
public sealed class ParquetSchema
{
    /// <summary>Creates a schema; names must be unique and non-empty.</summary>
    public ParquetSchema(IReadOnlyList<ColumnSpec> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            if (string.IsNullOrEmpty(c.Name) || !seen.Add(c.Name))
            {
                throw new ArgumentException($"Column name '{c.Name}' is empty or repeated.", nameof(columns));
            }

            if (c.Encoding == ColumnEncoding.DeltaBinaryPacked && (c.Dictionary || c.Type is not (ColumnType.Int32 or ColumnType.Int64 or ColumnType.Date or ColumnType.Timestamp)))
            {
                throw new ArgumentException($"Column '{c.Name}': DELTA_BINARY_PACKED needs an Int32, Int64, Date or Timestamp column without Dictionary.", nameof(columns));
            }

            if (c.Encoding == ColumnEncoding.ByteStreamSplit && c.Type != ColumnType.Double)
            {
                throw new ArgumentException($"Column '{c.Name}': BYTE_STREAM_SPLIT needs a Double column.", nameof(columns));
            }

            if (!Enum.IsDefined(c.Encoding))
            {
                throw new ArgumentException($"Column '{c.Name}': unknown encoding {c.Encoding}.", nameof(columns));
            }
        }

        Columns = columns;
    }

    /// <summary>The columns in file order.</summary>
    public IReadOnlyList<ColumnSpec> Columns { get; }

    /// <summary>Index of the column with this name, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
