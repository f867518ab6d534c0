using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Writing;

/// <summary>Turns a flat <see cref="ParquetSchema"/> into parquet.thrift schema elements and leaf descriptions.</summary>
internal static class SchemaBuilder
{
    public static List<SchemaElement> Elements(ParquetSchema schema)
    {
        var elements = new List<SchemaElement> { new() { Name = "schema", NumChildren = schema.Columns.Count } };
        foreach (var c in schema.Columns)
        {
            var repetition = c.Nullable ? FieldRepetitionType.Optional : FieldRepetitionType.Required;
            switch (c.Type)
            {
                case ColumnType.Int32:
                    elements.Add(new SchemaElement { Name = c.Name, Type = PhysicalType.Int32, RepetitionType = repetition });
                    break;
                case ColumnType.Int64:
                    elements.Add(new SchemaElement { Name = c.Name, Type = PhysicalType.Int64, RepetitionType = repetition });
                    break;
                case ColumnType.Double:
                    elements.Add(new SchemaElement { Name = c.Name, Type = PhysicalType.Double, RepetitionType = repetition });
                    break;
                case ColumnType.Boolean:
                    elements.Add(new SchemaElement { Name = c.Name, Type = PhysicalType.Boolean, RepetitionType = repetition });
                    break;
                case ColumnType.String:
                    elements.Add(new SchemaElement { Name = c.Name, Type = PhysicalType.ByteArray, RepetitionType = repetition, ConvertedType = ConvertedType.Utf8, LogicalType = LogicalType.Of(LogicalTypeKind.String) });
                    break;
                case ColumnType.Date:
                    elements.Add(new SchemaElement { Name = c.Name, Type = PhysicalType.Int32, RepetitionType = repetition, ConvertedType = ConvertedType.Date, LogicalType = LogicalType.Of(LogicalTypeKind.Date) });
                    break;
                case ColumnType.Timestamp:
                    elements.Add(new SchemaElement
                    {
                        Name = c.Name,
                        Type = PhysicalType.Int64,
                        RepetitionType = repetition,

                        // NANOS has no legacy converted type.
                        ConvertedType = c.Unit switch { TimeUnit.Millis => ConvertedType.TimestampMillis, TimeUnit.Micros => ConvertedType.TimestampMicros, _ => null },
                        LogicalType = LogicalType.Timestamp(c.Unit),
                    });
                    break;
                case ColumnType.Int32List:
                    // The three-level LIST structure every reader understands.
                    elements.Add(new SchemaElement { Name = c.Name, RepetitionType = repetition, NumChildren = 1, ConvertedType = ConvertedType.List, LogicalType = LogicalType.Of(LogicalTypeKind.List) });
                    elements.Add(new SchemaElement { Name = "list", RepetitionType = FieldRepetitionType.Repeated, NumChildren = 1 });
                    elements.Add(new SchemaElement { Name = "element", Type = PhysicalType.Int32, RepetitionType = FieldRepetitionType.Required });
                    break;
                default:
                    throw new NotSupportedException($"Column type {c.Type} is not supported.");
            }
        }

        return elements;
    }

    public static LeafColumn[] Leaves(ParquetSchema schema)
    {
        var leaves = new LeafColumn[schema.Columns.Count];
        for (var i = 0; i < leaves.Length; i++)
        {
            var c = schema.Columns[i];
            var def = c.Nullable ? 1 : 0;
            leaves[i] = c.Type switch
            {
                ColumnType.Int32 or ColumnType.Date => new LeafColumn(c, PhysicalType.Int32, def, 0, [c.Name]),
                ColumnType.Int64 or ColumnType.Timestamp => new LeafColumn(c, PhysicalType.Int64, def, 0, [c.Name]),
                ColumnType.Double => new LeafColumn(c, PhysicalType.Double, def, 0, [c.Name]),
                ColumnType.Boolean => new LeafColumn(c, PhysicalType.Boolean, def, 0, [c.Name]),
                ColumnType.String => new LeafColumn(c, PhysicalType.ByteArray, def, 0, [c.Name]),
                ColumnType.Int32List => new LeafColumn(c, PhysicalType.Int32, def + 1, 1, [c.Name, "list", "element"]),
                _ => throw new NotSupportedException($"Column type {c.Type} is not supported."),
            };
        }

        return leaves;
    }
}
