using SmallCaps.Core.Lake;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Verify;

/// <summary>
/// A bar file's columns against <see cref="BarSchema"/>: type, logical type and timestamp unit, e.g. a file rewritten
/// by DuckDB stores t as TIMESTAMP(MICROS) and would read as times a thousand times too far. Columns a file lacks are
/// the scanner's concern; nullability and encodings may differ between writers.
/// </summary>
internal static class BarSchemaCheck
{
    /// <summary>One line per column that differs, starting <c>column 'name'</c>; empty when all match.</summary>
    public static List<string> Mismatches(ParquetFileReader reader)
    {
        var problems = new List<string>();
        foreach (var expected in BarSchema.Schema.Columns)
        {
            var index = reader.IndexOf(expected.Name);
            if (index < 0)
            {
                continue;
            }

            var actual = reader.Columns[index];
            if (actual.Spec is not { } spec || spec.Type != expected.Type || (expected.Type == ColumnType.Timestamp && spec.Unit != expected.Unit))
            {
                problems.Add($"column '{expected.Name}' is {Describe(actual)}, the lake's bars store {Describe(expected)}");
            }
        }

        return problems;
    }

    private static string Describe(ParquetColumnInfo column)
    {
        var annotation = column.LogicalType ?? column.ConvertedType;
        var physical = column.PhysicalType switch
        {
            ParquetPhysicalType.ByteArray => "BYTE_ARRAY",
            ParquetPhysicalType.FixedLenByteArray => "FIXED_LEN_BYTE_ARRAY",
            var other => other.ToString().ToUpperInvariant(),
        };
        var nesting = column.IsFlat ? string.Empty : " in a repeated group";
        return annotation is null ? physical + nesting : $"{physical} {annotation}{nesting}";
    }

    private static string Describe(ColumnSpec spec) => spec.Type switch
    {
        ColumnType.String => "BYTE_ARRAY STRING",
        ColumnType.Timestamp => $"INT64 TIMESTAMP({(spec.Unit == TimeUnit.Millis ? "MILLIS" : spec.Unit == TimeUnit.Micros ? "MICROS" : "NANOS")},UTC)",
        ColumnType.Date => "INT32 DATE",
        ColumnType.Int32List => "LIST<INT32>",
        var other => other.ToString().ToUpperInvariant(),
    };
}
