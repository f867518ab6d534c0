namespace SmallCaps.Parquet;

/// <summary>One row group as the footer describes it.</summary>
public sealed class ParquetRowGroupInfo
{
    /// <summary>Position of the row group in the file.</summary>
    public required int Index { get; init; }

    /// <summary>Rows in the row group.</summary>
    public required long RowCount { get; init; }

    /// <summary>Bytes on disk of all its chunks.</summary>
    public long CompressedSize { get; init; }

    /// <summary>One chunk per leaf column, in column order.</summary>
    public required IReadOnlyList<ParquetColumnChunkInfo> Columns { get; init; }
}
