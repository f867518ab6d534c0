namespace SmallCaps.Parquet;

/// <summary>One leaf column of a flat schema.</summary>
/// <param name="Name">Column name as readers show it.</param>
/// <param name="Type">Value kind.</param>
/// <param name="Nullable">OPTIONAL when true, REQUIRED otherwise. For lists: whether the list itself may be null.</param>
/// <param name="Unit">Timestamp unit; ignored for other types.</param>
/// <param name="Dictionary">Whether the writer tries RLE_DICTIONARY first (strings: yes by default via <see cref="String"/>; Int32, Int64, Double, Date and Timestamp: opt-in, dropped for a chunk whose first page would not shrink by a quarter; ignored for Boolean and Int32List). Past <see cref="ParquetWriterOptions.DictionaryPageLimitBytes"/> the rest of the chunk is PLAIN (BYTE_STREAM_SPLIT with <see cref="ColumnEncoding.ByteStreamSplit"/>).</param>
/// <param name="Encoding">Data page encoding; see <see cref="ColumnEncoding"/>.</param>
public sealed record ColumnSpec(string Name, ColumnType Type, bool Nullable = false, TimeUnit Unit = TimeUnit.Millis, bool Dictionary = false, ColumnEncoding Encoding = ColumnEncoding.Default)
{
    /// <summary>A dictionary-encoded UTF-8 string column.</summary>
    public static ColumnSpec String(string name, bool nullable = false, bool dictionary = true) => new(name, ColumnType.String, nullable, Dictionary: dictionary);

    /// <summary>A UTC timestamp column.</summary>
    public static ColumnSpec Timestamp(string name, TimeUnit unit, bool nullable = false) => new(name, ColumnType.Timestamp, nullable, unit);

    /// <summary>A UTC timestamp column with the given data page encoding.</summary>
    public static ColumnSpec Timestamp(string name, TimeUnit unit, ColumnEncoding encoding, bool nullable = false) => new(name, ColumnType.Timestamp, nullable, unit, Encoding: encoding);
}
