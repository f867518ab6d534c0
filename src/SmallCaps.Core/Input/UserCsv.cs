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

    /// <summary>Whether the record just read holds only empty cells (Excel's cleared row <c>,,,,</c>): skipped like a blank line.</summary>
    public static bool IsBlankRow(IParser parser) => parser.Record is { } record && record.All(string.IsNullOrWhiteSpace);

    /// <summary>
    /// The line the record just read starts on: the parser counts the line it ends on, which for a quoted field
    /// holding line breaks (or a quote never closed) is a later one.
    /// </summary>
    public static long StartLine(IParser parser)
    {
        var raw = parser.RawRecord;
        var breaks = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n')))
            {
                breaks++;
            }
        }

        // A record ending in a line break outside quotes: that break ends the line the parser counts.
        var terminated = !OddQuotes(raw) && raw.Length > 0 && raw[^1] is '\n' or '\r';
        return Math.Max(1, parser.RawRow - breaks + (terminated ? 1 : 0));
    }

    /// <summary>Whether the record just read holds a quote never closed: it then runs to the end of the file.</summary>
    public static bool UnterminatedQuote(IParser parser) =>
        OddQuotes(parser.RawRecord) && parser.Record is { } record && record.Any(f => f.Contains('\n', StringComparison.Ordinal) || f.Contains('\r', StringComparison.Ordinal));

    /// <summary>The one-line problem of <see cref="UnterminatedQuote"/>, after <c>file:line: </c>.</summary>
    public const string UnterminatedQuoteProblem = "a quote (\") opened on this line is never closed, so the rest of the file was read as one cell";

    private static bool OddQuotes(string raw) => raw.Count(c => c == '"') % 2 == 1;
}
