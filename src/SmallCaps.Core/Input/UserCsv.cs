using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace SmallCaps.Core.Input;

/// <summary>How every CSV a user hands us is read: invariant culture, comma only, trimmed, blank lines skipped, BOM or not.</summary>
internal static class UserCsv
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        IgnoreBlankLines = true,
        TrimOptions = TrimOptions.Trim,
        DetectDelimiter = false,
        BadDataFound = null,
        MissingFieldFound = null,
    };

    /// <summary>A reader positioned after the header; throws <see cref="InputException"/> for an empty file.</summary>
    /// <param name="reader">The file's text (the caller disposes it after the CSV reader).</param>
    /// <param name="path">Named in the error.</param>
    /// <param name="expected">What the header should hold, for the error (e.g. "a 'ticker' column").</param>
    public static CsvReader OpenWithHeader(TextReader reader, string path, string expected)
    {
        var csv = new CsvReader(reader, Configuration);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            csv.Dispose();
            throw new InputException($"{path}:1: empty file, expected a header with {expected}");
        }

        return csv;
    }
}
