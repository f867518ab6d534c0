using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Reading;

/// <summary>Turns the footer's flattened schema into leaf columns with their levels, rejecting malformed trees.</summary>
internal static class SchemaResolver
{
    /// <summary>Deepest group nesting accepted; real schemas stay far below.</summary>
    public const int MaxNesting = 32;

    /// <summary>Largest FIXED_LEN_BYTE_ARRAY width accepted.</summary>
    public const int MaxTypeLength = 1 << 20;

    /// <summary>Resolves every leaf; <paramref name="chains"/> receives each leaf's schema elements from the root's child down to the leaf.</summary>
    public static List<ParquetColumnInfo> Resolve(IReadOnlyList<SchemaElement> schema, List<SchemaElement[]> chains)
    {
        var root = schema[0];
        if (root.Type is not null && (root.NumChildren ?? 0) == 0)
        {
            throw CorruptData.Error("schema root is a primitive, not a group");
        }

        var leaves = new List<ParquetColumnInfo>();
        var next = 1;
        var rootChildren = root.NumChildren ?? 0;
        CheckChildCount(rootChildren, schema.Count - next);
        var chain = new List<SchemaElement>();
        for (var i = 0; i < rootChildren; i++)
        {
            Walk(schema, ref next, chain, 0, 0, 0, 1, leaves, chains);
        }

        if (next != schema.Count)
        {
            throw CorruptData.Error($"schema has {schema.Count - next} elements outside the root's tree");
        }

        return leaves;
    }

    private static void Walk(IReadOnlyList<SchemaElement> schema, ref int next, List<SchemaElement> chain, int definition, int repetition, int repeatedDefinition, int depth, List<ParquetColumnInfo> leaves, List<SchemaElement[]> chains)
    {
        if (next >= schema.Count)
        {
            throw CorruptData.Error("schema ends before all declared children");
        }

        if (depth > MaxNesting)
        {
            throw CorruptData.Error($"schema nests deeper than {MaxNesting} levels");
        }

        var element = schema[next++];
        var repetitionType = element.RepetitionType ?? throw CorruptData.Error($"schema element '{element.Name}' has no repetition type");
        if (repetitionType is < FieldRepetitionType.Required or > FieldRepetitionType.Repeated)
        {
            throw CorruptData.Error($"schema element '{element.Name}' has unknown repetition type {(int)repetitionType}");
        }

        if (repetitionType != FieldRepetitionType.Required)
        {
            definition++;
        }

        if (repetitionType == FieldRepetitionType.Repeated)
        {
            repetition++;
            repeatedDefinition = definition;
        }

        chain.Add(element);
        var children = element.NumChildren ?? 0;
        if (children > 0 || element.Type is null)
        {
            CheckChildCount(children, schema.Count - next);
            for (var i = 0; i < children; i++)
            {
                Walk(schema, ref next, chain, definition, repetition, repeatedDefinition, depth + 1, leaves, chains);
            }
        }
        else
        {
            leaves.Add(CreateLeaf(element, chain, leaves.Count, definition, repetition, repeatedDefinition));
            chains.Add([.. chain]);
        }

        chain.RemoveAt(chain.Count - 1);
    }

    private static ParquetColumnInfo CreateLeaf(SchemaElement element, List<SchemaElement> chain, int index, int definition, int repetition, int repeatedDefinition)
    {
        var type = element.Type!.Value;
        if (type is < PhysicalType.Boolean or > PhysicalType.FixedLenByteArray)
        {
            throw CorruptData.Error($"column '{element.Name}' has unknown physical type {(int)type}");
        }

        var length = 0;
        if (type == PhysicalType.FixedLenByteArray)
        {
            length = element.TypeLength ?? 0;
            if (length is <= 0 or > MaxTypeLength)
            {
                throw CorruptData.Error($"FIXED_LEN_BYTE_ARRAY column '{element.Name}' has invalid length {element.TypeLength}");
            }
        }

        return new ParquetColumnInfo(
            index,
            chain.Select(e => e.Name).ToArray(),
            (ParquetPhysicalType)type,
            length,
            EncodingNames.Of(element.LogicalType),
            element.ConvertedType is { } ct ? EncodingNames.Of(ct) : null,
            element.RepetitionType == FieldRepetitionType.Optional,
            definition,
            repetition,
            repeatedDefinition);
    }

    private static void CheckChildCount(int children, int remaining)
    {
        if (children < 0 || children > remaining)
        {
            throw CorruptData.Error($"schema group declares {children} children but only {remaining} elements follow");
        }
    }
}
