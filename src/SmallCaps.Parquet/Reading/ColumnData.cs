using System.Text;

namespace SmallCaps.Parquet;

/// <summary>
/// The decoded values of one column (one row group, or several concatenated). Exactly one typed
/// array is set, matching <see cref="ParquetColumnInfo.PhysicalType"/>. Flat columns hold one slot
/// per row (null slots keep the type's default) with <see cref="Validity"/>; nested columns hold only
/// the present leaf values, with <see cref="DefinitionLevels"/> and <see cref="RepetitionLevels"/>.
/// </summary>
public sealed class ColumnData
{
    internal ColumnData(ParquetColumnInfo column, long rowCount, int valueCount)
    {
        Column = column;
        RowCount = rowCount;
        ValueCount = valueCount;
    }

    /// <summary>The column these values belong to.</summary>
    public ParquetColumnInfo Column { get; }

    /// <summary>Rows covered.</summary>
    public long RowCount { get; }

    /// <summary>Length of the typed array: rows for flat columns, present leaf values for nested ones.</summary>
    public int ValueCount { get; }

    /// <summary>INT32 values (also DATE days, small ints, INT32 decimals).</summary>
    public int[]? Int32Values { get; internal set; }

    /// <summary>INT64 values (timestamps in their unit), and INT96 converted to nanoseconds since the Unix epoch.</summary>
    public long[]? Int64Values { get; internal set; }

    /// <summary>FLOAT values.</summary>
    public float[]? FloatValues { get; internal set; }

    /// <summary>DOUBLE values.</summary>
    public double[]? DoubleValues { get; internal set; }

    /// <summary>BOOLEAN values.</summary>
    public bool[]? BooleanValues { get; internal set; }

    /// <summary>BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values; null entries at null slots. Dictionary-encoded values share instances: do not mutate.</summary>
    public byte[][]? BinaryValues { get; internal set; }

    /// <summary>Per-slot presence for flat columns; null when every slot holds a value.</summary>
    public bool[]? Validity { get; internal set; }

    /// <summary>Definition levels of nested columns (one per level entry); null for flat columns.</summary>
    public int[]? DefinitionLevels { get; internal set; }

    /// <summary>Repetition levels of nested columns; null for flat columns.</summary>
    public int[]? RepetitionLevels { get; internal set; }

    /// <summary>Whether flat slot <paramref name="index"/> is null.</summary>
    public bool IsNull(int index) => Validity is { } v && !v[index];

    /// <summary>The UTF-8 string at <paramref name="index"/>, or null for a null slot.</summary>
    public string? GetString(int index)
    {
        var values = BinaryValues ?? throw new InvalidOperationException($"Column {Column.Path} is not a byte array column.");
        return IsNull(index) || values[index] is not { } bytes ? null : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// Rebuilds a three-level LIST of INT32 into one entry per row: null for a null list, an empty
    /// array for an empty list. Throws when the column is not a single-level list of INT32 or holds null elements.
    /// </summary>
    public int[]?[] ToInt32Lists()
    {
        if (Column.MaxRepetitionLevel != 1 || Int32Values is not { } values || DefinitionLevels is not { } defs || RepetitionLevels is not { } reps)
        {
            throw new InvalidOperationException($"Column {Column.Path} is not a LIST of INT32.");
        }

        var entryLevel = Column.RepeatedAncestorDefinitionLevel;
        var rows = new List<int[]?>((int)Math.Min(RowCount, int.MaxValue));
        var current = new List<int>();
        var open = false;
        var nextValue = 0;
        for (var i = 0; i < defs.Length; i++)
        {
            if (reps[i] == 0)
            {
                if (open)
                {
                    rows.Add([.. current]);
                }

                current.Clear();
                open = false;
                if (defs[i] < entryLevel - 1)
                {
                    rows.Add(null);
                    continue;
                }

                open = true;
            }

            if (defs[i] >= entryLevel)
            {
                if (defs[i] != Column.MaxDefinitionLevel)
                {
                    throw new InvalidOperationException($"Column {Column.Path} holds a null list element at level entry {i}.");
                }

                current.Add(values[nextValue++]);
            }
        }

        if (open)
        {
            rows.Add([.. current]);
        }

        return [.. rows];
    }
}
