namespace SmallCaps.Parquet;

/// <summary>One leaf column of a Parquet file as its footer describes it.</summary>
public sealed class ParquetColumnInfo
{
    internal ParquetColumnInfo(
        int index,
        IReadOnlyList<string> pathSegments,
        ParquetPhysicalType physicalType,
        int typeLength,
        string? logicalType,
        string? convertedType,
        bool isOptional,
        int maxDefinitionLevel,
        int maxRepetitionLevel,
        int repeatedAncestorDefinitionLevel)
    {
        Index = index;
        PathSegments = pathSegments;
        Path = string.Join('.', pathSegments);
        Name = pathSegments[^1];
        PhysicalType = physicalType;
        TypeLength = typeLength;
        LogicalType = logicalType;
        ConvertedType = convertedType;
        IsOptional = isOptional;
        MaxDefinitionLevel = maxDefinitionLevel;
        MaxRepetitionLevel = maxRepetitionLevel;
        RepeatedAncestorDefinitionLevel = repeatedAncestorDefinitionLevel;
    }

    /// <summary>Position among the leaf columns (the column chunk index in every row group).</summary>
    public int Index { get; }

    /// <summary>Dotted path from the root, e.g. <c>conditions.list.element</c>.</summary>
    public string Path { get; }

    /// <summary>The path's segments.</summary>
    public IReadOnlyList<string> PathSegments { get; }

    /// <summary>The leaf's own name.</summary>
    public string Name { get; }

    /// <summary>Storage type.</summary>
    public ParquetPhysicalType PhysicalType { get; }

    /// <summary>Byte width of FIXED_LEN_BYTE_ARRAY values; 0 otherwise.</summary>
    public int TypeLength { get; }

    /// <summary>LogicalType annotation summary, e.g. <c>STRING</c>, <c>TIMESTAMP(MICROS,UTC)</c>, <c>DECIMAL(9,2)</c>; null when absent.</summary>
    public string? LogicalType { get; }

    /// <summary>Legacy ConvertedType name, e.g. <c>UTF8</c>, <c>TIMESTAMP_MILLIS</c>; null when absent.</summary>
    public string? ConvertedType { get; }

    /// <summary>Whether the leaf itself is OPTIONAL.</summary>
    public bool IsOptional { get; }

    /// <summary>Highest definition level (0 for a required top-level column).</summary>
    public int MaxDefinitionLevel { get; }

    /// <summary>Highest repetition level (0 for flat columns).</summary>
    public int MaxRepetitionLevel { get; }

    /// <summary>True when the column has one slot per row (no repeated ancestor).</summary>
    public bool IsFlat => MaxRepetitionLevel == 0;

    /// <summary>The leaf as one of our column kinds, or null when it maps to none (other types, nesting, annotations).</summary>
    public ColumnSpec? Spec { get; internal set; }

    /// <summary>Definition level reached when the innermost repeated ancestor has an entry (0 for flat columns).</summary>
    internal int RepeatedAncestorDefinitionLevel { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Path} ({PhysicalType}{(LogicalType is null ? string.Empty : " " + LogicalType)})";
}
