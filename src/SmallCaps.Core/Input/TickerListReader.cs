using System.Globalization;
using CsvHelper;

namespace SmallCaps.Core.Input;

/// <summary>
/// Reads the universe CSV: a header with a <c>ticker</c> column (any case, other columns ignored),
/// UTF-8 with or without BOM, blank lines skipped. A bad ticker is an error naming file, line and
/// value; a repeated ticker is dropped with a warning (universe files built by joins often repeat); two tickers that
/// differ only in case are an error, as their folders would be one on Windows and macOS.
/// </summary>
public static class TickerListReader
{
    /// <summary>Reads and validates <paramref name="path"/>; throws <see cref="InputException"/> on bad input.</summary>
    public static TickerList Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: tickers CSV not found");
        }

        try
        {
            using var reader = SharedRead.Text(path);
            using var csv = UserCsv.OpenWithHeader(reader, path, "a 'ticker' column");
            var header = csv.HeaderRecord!;
            var column = Array.FindIndex(header, h => string.Equals(h.Trim(), "ticker", StringComparison.OrdinalIgnoreCase));
            if (column < 0)
            {
                throw new InputException($"{path}:1: no 'ticker' column in header \"{EchoedValue.Of(string.Join(',', header))}\"");
            }

            // Which one holds the universe is a guess: say so rather than read the first.
            if (Array.FindLastIndex(header, h => string.Equals(h.Trim(), "ticker", StringComparison.OrdinalIgnoreCase)) != column)
            {
                throw new InputException($"{path}:1: more than one 'ticker' column in header \"{EchoedValue.Of(string.Join(',', header))}\"");
            }

            var tickers = new List<string>();
            var warnings = new List<string>();

            // Keyed without case: folder names are case-insensitive on Windows and macOS, so twins would share a partition.
            var firstLine = new Dictionary<string, (string Ticker, long Line)>(StringComparer.OrdinalIgnoreCase);
            while (csv.Read())
            {
                var line = csv.Parser.RawRow;
                var value = csv.GetField(column) ?? string.Empty;
                if (value.Length == 0 && csv.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (TickerRules.Problem(value) is { } problem)
                {
                    throw new InputException($"{path}:{line.ToString(CultureInfo.InvariantCulture)}: ticker \"{EchoedValue.Of(value)}\" {problem}");
                }

                if (firstLine.TryGetValue(value, out var first))
                {
                    if (first.Ticker != value)
                    {
                        throw new InputException($"{path}:{line.ToString(CultureInfo.InvariantCulture)}: ticker \"{EchoedValue.Of(value)}\" differs only in case from \"{EchoedValue.Of(first.Ticker)}\" on line {first.Line.ToString(CultureInfo.InvariantCulture)}; Windows and macOS would give both one folder");
                    }

                    warnings.Add($"{path}:{line.ToString(CultureInfo.InvariantCulture)}: duplicate ticker \"{EchoedValue.Of(value)}\" (first on line {first.Line.ToString(CultureInfo.InvariantCulture)}) ignored");
                    continue;
                }

                firstLine[value] = (value, line);
                tickers.Add(value);
            }

            if (tickers.Count == 0)
            {
                throw new InputException($"{path}: no tickers after the header");
            }

            return new TickerList(tickers, warnings);
        }
        catch (CsvHelperException ex)
        {
            var line = ex.Context?.Parser?.RawRow ?? 0;
            throw new InputException($"{path}:{line.ToString(CultureInfo.InvariantCulture)}: malformed CSV ({ex.GetType().Name})", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read ({ex.Message})", ex);
        }
    }
}
