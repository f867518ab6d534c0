namespace SmallCaps.Parquet.Reading;

/// <summary>Joins the per-row-group reads of one column into a single <see cref="ColumnData"/>.</summary>
internal static class ColumnDataConcatenation
{
    public static ColumnData Concat(ParquetColumnInfo column, List<ColumnData> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        if (parts.Count == 0)
        {
            var empty = new ColumnData(column, 0, 0)
            {
                DefinitionLevels = column.IsFlat ? null : [],
                RepetitionLevels = column.IsFlat ? null : [],
            };
            ValueBuffer.Create(column.PhysicalType, column.TypeLength, 0).AssignTo(empty);
            return empty;
        }

        var valueCount = parts.Sum(p => (long)p.ValueCount);
        if (valueCount > Array.MaxLength)
        {
            throw new InvalidOperationException($"Column {column.Path} has too many values to read into one array; read it per row group.");
        }

        var result = new ColumnData(column, parts.Sum(p => p.RowCount), (int)valueCount)
        {
            Int32Values = Join(parts, p => p.Int32Values),
            Int64Values = Join(parts, p => p.Int64Values),
            FloatValues = Join(parts, p => p.FloatValues),
            DoubleValues = Join(parts, p => p.DoubleValues),
            BooleanValues = Join(parts, p => p.BooleanValues),
            BinaryValues = Join(parts, p => p.BinaryValues),
            DefinitionLevels = Join(parts, p => p.DefinitionLevels),
            RepetitionLevels = Join(parts, p => p.RepetitionLevels),
        };
        if (column.IsFlat && parts.Any(p => p.Validity is not null))
        {
            result.Validity = Join(parts, p => p.Validity ?? Enumerable.Repeat(true, p.ValueCount).ToArray());
        }

        return result;
    }

    private static T[]? Join<T>(List<ColumnData> parts, Func<ColumnData, T[]?> select)
    {
        if (select(parts[0]) is null)
        {
            return null;
        }

        var total = parts.Sum(p => select(p)!.Length);
        var result = new T[total];
        var at = 0;
        foreach (var p in parts)
        {
            var a = select(p)!;
            a.CopyTo(result, at);
            at += a.Length;
        }

        return result;
    }
}
