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
    public static void Write(string path, IEnumerable<string> tickers)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
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

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
