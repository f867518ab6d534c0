namespace SmallCaps.Parquet.Reading;

/// <summary>Builds the exception every decoder throws on malformed input; the reader adds file, row group and column.</summary>
internal static class CorruptData
{
    /// <summary>An exception describing malformed Parquet content.</summary>
    public static ParquetFormatException Error(string message) => new(message);
}
