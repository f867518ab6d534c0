using SmallCaps.Parquet.Format;

namespace SmallCaps.Parquet.Writing;

/// <summary>Column encoders of one file shape, kept idle by <see cref="ParquetWriteBuffers"/> between files.</summary>
internal sealed class ColumnWriterSet(ColumnSpec[] columns, int pageRows, CompressionCodec codec, bool dictionaries, ColumnChunkWriter[] writers) : IDisposable
{
    public ColumnChunkWriter[] Writers { get; } = writers;

    public long RetainedBytes => Writers.Sum(w => w.RetainedBytes);

    /// <summary>Same columns (record equality), page size, codec and dictionary switch: everything fixed when an encoder is built.</summary>
    public bool Matches(ParquetSchema schema, int otherPageRows, CompressionCodec otherCodec, bool otherDictionaries) =>
        pageRows == otherPageRows && codec == otherCodec && dictionaries == otherDictionaries && schema.Columns.SequenceEqual(columns);

    public void Dispose()
    {
        foreach (var writer in Writers)
        {
            writer.Dispose();
        }
    }
}
