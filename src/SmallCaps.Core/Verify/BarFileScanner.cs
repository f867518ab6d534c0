using System.Globalization;
using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Verify;

/// <summary>
/// Reads one bar file row group by row group: structure and statistics against the values, then
/// per bar time order, duplicates, OHLC sanity and the New York session date; folds the bars per
/// session date into <see cref="DayStats"/> for the completeness checks. Memory: one row group.
/// </summary>
internal static class BarFileScanner
{
    private static readonly string[] Required = ["t", "session_date", "o", "h", "l", "c", "v"];

    // Unix milliseconds of years 1900 and 2200: bars outside cannot be real (and NodaTime cannot place some of them).
    private const long MinT = -2_208_988_800_000;
    private const long MaxT = 7_258_118_400_000;

    /// <summary>Scans; null when the file cannot be read (the reason is in <paramref name="findings"/>).</summary>
    public static BarFileScan? Scan(string fullPath, string? ticker, Dictionary<int, DayStats> days, FileFindings findings, ref long previousLastT, CancellationToken ct)
    {
        ParquetFileReader reader;
        try
        {
            reader = ParquetFileReader.Open(fullPath);
        }
        catch (Exception ex) when (FileProblem.Is(ex))
        {
            findings.Add(FindingKind.UnreadableFile, OneLine(ex.Message));
            return null;
        }

        using (reader)
        {
            try
            {
                return ScanOpen(reader, ticker, days, findings, ref previousLastT, ct);
            }
            catch (Exception ex) when (FileProblem.Is(ex))
            {
                findings.Add(FindingKind.UnreadableFile, OneLine(ex.Message));
                return null;
            }
        }
    }

    private static BarFileScan? ScanOpen(ParquetFileReader reader, string? ticker, Dictionary<int, DayStats> days, FileFindings findings, ref long previousLastT, CancellationToken ct)
    {
        var columns = Required.Select(reader.IndexOf).ToArray();
        var missing = Required.Where((_, i) => columns[i] < 0).ToList();
        if (missing.Count > 0)
        {
            findings.Add(FindingKind.UnreadableFile, $"not a bar file: no column {string.Join(", ", missing)}");
            return null;
        }

        // Values are read as the lake stores them (t in milliseconds): a column of another type or unit would read as garbage.
        var mismatched = BarSchemaCheck.Mismatches(reader);
        if (mismatched.Count > 0)
        {
            findings.Add(FindingKind.SchemaMismatch, string.Join("; ", mismatched));
            if (mismatched.Any(m => Required.Any(r => m.StartsWith($"column '{r}'", StringComparison.Ordinal))))
            {
                return null;
            }
        }

        var tickerColumn = reader.IndexOf("ticker");
        var groupRows = reader.RowGroups.Sum(g => g.RowCount);
        if (groupRows != reader.RowCount)
        {
            findings.Add(FindingKind.InconsistentMetadata, $"footer says {reader.RowCount} rows but its row groups hold {groupRows}");
        }

        long? first = null;
        long? last = null;
        long rows = 0;
        var day = new DayCursor();
        var currentDay = int.MinValue;
        var current = default(DayStats);
        foreach (var group in reader.RowGroups)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var chunk in group.Columns)
            {
                if (chunk.Column.IsFlat && chunk.ValueCount != group.RowCount)
                {
                    findings.Add(FindingKind.InconsistentMetadata, $"row group {group.Index}, column '{chunk.Column.Path}': {chunk.ValueCount} values for {group.RowCount} rows");
                }
            }

            var data = new ColumnData[Required.Length];
            for (var c = 0; c < Required.Length; c++)
            {
                data[c] = reader.ReadColumn(group.Index, columns[c], ct);
                CheckStatistics(group, columns[c], data[c], findings);
            }

            if (tickerColumn >= 0)
            {
                var tickers = reader.ReadColumn(group.Index, tickerColumn, ct);
                CheckStatistics(group, tickerColumn, tickers, findings);
                CheckTicker(tickers, ticker, findings);
            }

            var t = data[0].Int64Values;
            var sd = data[1].Int32Values;
            var (o, h, l, c2, v) = (data[2].DoubleValues, data[3].DoubleValues, data[4].DoubleValues, data[5].DoubleValues, data[6].DoubleValues);
            if (t is null || sd is null || o is null || h is null || l is null || c2 is null || v is null)
            {
                findings.Add(FindingKind.UnreadableFile, "bar columns have unexpected physical types");
                return null;
            }

            for (var i = 0; i < t.Length; i++)
            {
                var ti = t[i];
                if (ti is < MinT or > MaxT)
                {
                    findings.Add(FindingKind.WrongSessionDate, $"bar {rows + i}: {Stamp(ti)}, not a time between 1900 and 2200");
                    continue;
                }

                if (ti < previousLastT)
                {
                    findings.Add(FindingKind.Unsorted, $"bar {rows + i} at {Stamp(ti)} comes after {Stamp(previousLastT)}");
                }
                else if (ti == previousLastT)
                {
                    findings.Add(FindingKind.DuplicateTimestamp, $"bar {rows + i}: timestamp {Stamp(ti)} appears twice");
                }

                previousLastT = Math.Max(previousLastT, ti);
                first ??= ti;
                last = ti;
                var sessionDay = day.DayNumberOf(ti);
                if (sd[i] != sessionDay)
                {
                    findings.Add(FindingKind.WrongSessionDate, $"bar {rows + i} at {Stamp(ti)}: session_date {Date(sd[i])} but its New York date is {Date(sessionDay)}");
                }

                CheckPrices(o[i], h[i], l[i], c2[i], v[i], rows + i, ti, findings);

                // Bars of one day are contiguous: fold locally, store when the day changes.
                if (sessionDay != currentDay)
                {
                    Store(days, currentDay, current);
                    (currentDay, current) = (sessionDay, default);
                }

                current.Add(h[i], l[i], v[i]);
            }

            rows += t.Length;
        }

        Store(days, currentDay, current);
        return new BarFileScan(rows, first, last);
    }

    private static void Store(Dictionary<int, DayStats> days, int day, DayStats part)
    {
        if (part.Bars == 0)
        {
            return;
        }

        ref var stats = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(days, day, out _);
        stats.Merge(part);
    }

    private static void CheckStatistics(ParquetRowGroupInfo group, int column, ColumnData data, FileFindings findings)
    {
        if (StatisticsCheck.Problem(group.Columns[column], data) is { } problem)
        {
            findings.Add(FindingKind.InconsistentMetadata, $"row group {group.Index}, {problem}");
        }
    }

    private static void CheckTicker(ColumnData tickers, string? expected, FileFindings findings)
    {
        if (expected is null)
        {
            return;
        }

        for (var i = 0; i < tickers.ValueCount; i++)
        {
            var value = tickers.GetString(i);
            if (!string.Equals(value, expected, StringComparison.Ordinal))
            {
                findings.Add(FindingKind.WrongSessionDate, $"ticker column holds '{value}' in a file of {expected}");
                return;
            }
        }
    }

    private static void CheckPrices(double o, double h, double l, double c, double v, long row, long t, FileFindings findings)
    {
        var finite = double.IsFinite(o) && double.IsFinite(h) && double.IsFinite(l) && double.IsFinite(c);
        if (!finite || !(l <= o && o <= h && l <= c && c <= h) || l < 0)
        {
            findings.Add(FindingKind.OhlcViolation, string.Create(CultureInfo.InvariantCulture, $"bar {row} at {Stamp(t)}: o={o} h={h} l={l} c={c}"));
        }

        if (!(v >= 0) || !double.IsFinite(v))
        {
            findings.Add(FindingKind.OhlcViolation, string.Create(CultureInfo.InvariantCulture, $"bar {row} at {Stamp(t)}: volume {v}"));
        }
    }

    internal static string Stamp(long unixMs) =>
        unixMs is >= MinT and <= MaxT
            ? NewYorkTime.FromUnixMilliseconds(unixMs).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " New York"
            : string.Create(CultureInfo.InvariantCulture, $"t={unixMs} (not a time in milliseconds)");

    private static string Date(int dayNumber) => DayNumbers.ToDate(dayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    // Bars come in time order, so the New York day changes rarely: recompute only when t leaves it.
    private struct DayCursor
    {
        private long _start;
        private long _end;
        private int _day;

        public int DayNumberOf(long t)
        {
            if (t < _start || t >= _end || (_start == 0 && _end == 0))
            {
                var date = NewYorkTime.SessionDateOfMilliseconds(t);
                _start = NewYorkTime.StartOfDayUnixMilliseconds(date);
                _end = NewYorkTime.StartOfDayUnixMilliseconds(date.PlusDays(1));
                _day = DayNumbers.ToNumber(date);
            }

            return _day;
        }
    }
}
