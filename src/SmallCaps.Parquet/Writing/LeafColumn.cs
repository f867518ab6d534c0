using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Writing;

/// <summary>How one schema column is stored: physical type, level maxima and path in the Parquet schema tree.</summary>
internal sealed record LeafColumn(ColumnSpec Spec, PhysicalType PhysicalType, int MaxDefinitionLevel, int MaxRepetitionLevel, List<string> Path);
