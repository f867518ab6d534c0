namespace SmallCaps.Parquet;

/// <summary>One column chunk of a row group as the footer describes it.</summary>
public sealed class ParquetColumnChunkInfo
{
    /// <summary>The leaf column this chunk belongs to.</summary>
    public required ParquetColumnInfo Column { get; init; }

    /// <summary>Compression codec name as the spec spells it (SNAPPY, GZIP, ZSTD, UNCOMPRESSED, ...).</summary>
    public required string Codec { get; init; }

    /// <summary>Encodings listed for the chunk (PLAIN, RLE_DICTIONARY, ...), in footer order.</summary>
    public required IReadOnlyList<string> Encodings { get; init; }

    /// <summary>Values in the chunk, nulls included (level entries for nested columns).</summary>
    public long ValueCount { get; init; }

    /// <summary>Bytes on disk, page headers included.</summary>
    public long CompressedSize { get; init; }

    /// <summary>Bytes after decompression, page headers included.</summary>
    public long UncompressedSize { get; init; }

    /// <summary>Offset of the first data page.</summary>
    public long DataPageOffset { get; init; }

    /// <summary>Offset of the dictionary page, when the footer sets one.</summary>
    public long? DictionaryPageOffset { get; init; }

    /// <summary>Whether the chunk lists a dictionary encoding.</summary>
    public bool UsesDictionary { get; init; }

    /// <summary>Chunk statistics, when written.</summary>
    public ParquetStatistics? Statistics { get; init; }
}
