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
