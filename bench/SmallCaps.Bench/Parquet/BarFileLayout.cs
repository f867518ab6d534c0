using System.Globalization;
using SmallCaps.Parquet;

namespace SmallCaps.Bench.Parquet;

/// <summary>`bar-files --layout`: writes each data set once and prints, per column, its chunks' encodings and sizes (where the bytes go).</summary>
internal static class BarFileLayout
{
    public static async Task RunAsync(BarFileData[] data, ParquetSchema schema, ParquetWriterOptions options, Func<ParquetFileWriter, BarFileData, Task> write)
    {
        foreach (var d in data)
        {
            using var memory = new MemoryStream();
            using (var writer = ParquetFileWriter.Create(memory, schema, options))
            {
                await write(writer, d);
            }

            memory.Position = 0;
            using var reader = ParquetFileReader.Open(memory, d.Ticker);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  layout {d.Ticker}: {d.Rows:N0} rows, {memory.Length / 1024.0:N1} KiB, {reader.RowGroupCount} row groups"));
            for (var c = 0; c < reader.Columns.Count; c++)
            {
                var chunks = reader.RowGroups.Select(g => g.Columns[c]).ToList();
                var compressed = chunks.Sum(x => x.CompressedSize);
                var uncompressed = chunks.Sum(x => x.UncompressedSize);
                var dictionaryBytes = chunks.Sum(x => x.DictionaryPageOffset is { } at ? x.DataPageOffset - at : 0);
                var encodings = string.Join(" | ", chunks.Select(x => string.Join('+', x.Encodings)).Distinct());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {reader.Columns[c].Name,-12} {compressed / 1024.0,8:N1} KiB (raw {uncompressed / 1024.0,8:N1}, dictionary pages {dictionaryBytes / 1024.0,6:N1}) {encodings}"));
            }
        }
    }
}
