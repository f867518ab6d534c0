using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Writes the universe CSV the ingest verbs read: a <c>ticker</c> header and one ticker per line, UTF-8 without
/// BOM, invariant culture. Tickers are written literally (BRK.A, NA, NULL stay as they are).
/// </summary>
internal static class UniverseCsvWriter
{
    /// <summary>Writes the CSV; a held old file (open in Excel) is handled by <see cref="Output.ResultFile"/>.</summary>
    public static async Task WriteAsync(string path, IEnumerable<string> tickers, TimeProvider time)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = Output.ResultFile.TempFor(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true))
                using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }))
                {
                    csv.WriteField("ticker");
                    csv.NextRecord();
                    foreach (var ticker in tickers)
                    {
                        csv.WriteField(ticker);
                        csv.NextRecord();
                    }
                }

                stream.Flush(flushToDisk: true);
            }

            await Output.ResultFile.ReplaceAsync(temp, full, time);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
