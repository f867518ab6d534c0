using System.Globalization;
using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Verify;

/// <summary>All checks of one ticker: its files in window order per dataset, then completeness and splits.</summary>
internal static class TickerCheck
{
    /// <summary>Checks one ticker's files, then its completeness up to <paramref name="lastSession"/> when the reference says it is listed.</summary>
    public static TickerCheckResult Run(string outdir, string ticker, List<LedgerEntry> entries, TickerReference reference, VerifyOptions options, LocalDate? lastSession, FindingSink sink, CancellationToken ct)
    {
        var bars = new TickerBars(ticker);
        int files = 0;
        long bytes = 0, rows = 0;
        foreach (var dataset in entries.GroupBy(e => e.Dataset, StringComparer.Ordinal))
        {
            var isBars = LakeLayoutView.IsBarDataset(dataset.Key);
            var isDaily = dataset.Key == LakeLayoutView.DailyDataset;
            var days = isDaily ? bars.Daily : bars.Minute;
            var windows = isDaily ? bars.DailyWindows : bars.MinuteWindows;
            var previousLastT = long.MinValue;
            foreach (var entry in dataset.OrderBy(e => e.WindowStart).ThenBy(e => e.FilePath, StringComparer.Ordinal))
            {
                ct.ThrowIfCancellationRequested();
                if (!entry.IsUnrecorded && (entry.IsDone || entry.IsSettledWithoutFile))
                {
                    windows.Add((entry.WindowStart, entry.WindowEnd));
                }

                if (!entry.IsDone || entry.FilePath is null)
                {
                    continue;
                }

                if (isDaily)
                {
                    bars.DailyAdjusted ??= entry.Adjusted;
                }
                else
                {
                    bars.MinuteAdjusted ??= entry.Adjusted;
                }

                var full = LakeLayoutView.Full(outdir, entry.FilePath);
                if (!entry.IsUnrecorded && !FileIntegrityCheck.Run(full, entry, sink, ref bytes))
                {
                    options.Progress?.FileDone(LakeVerifier.SizeOf(outdir, entry));
                    continue;
                }

                files++;
                var findings = new FileFindings(entry.Dataset, ticker, entry.FilePath, entry.IsUnrecorded ? null : entry.WindowStart);
                if (isBars)
                {
                    var startT = previousLastT;
                    var scan = BarFileScanner.Scan(full, entry.IsUnrecorded ? LakeLayoutView.TickerOf(entry.FilePath) : ticker, days, findings, ref previousLastT, ct);
                    if (scan is not null)
                    {
                        rows += scan.Rows;
                        if (!entry.IsUnrecorded)
                        {
                            CompareWithLedger(entry, scan, findings);
                        }

                        if (scan.FirstT is { } first && first <= startT && !findings.Has(FindingKind.Unsorted))
                        {
                            findings.Add(FindingKind.Unsorted, $"overlaps the previous file of {ticker}: first bar {BarFileScanner.Stamp(first)} is not after {BarFileScanner.Stamp(startT)}");
                        }
                    }
                }
                else if (!reference.Unreadable.ContainsKey(entry.FilePath))
                {
                    // A reference file the reference reader could not read is already a finding, with its reason.
                    CheckOpens(full, findings);
                }

                findings.FlushTo(sink);
                if (!entry.IsUnrecorded)
                {
                    StaleSplitCheck.Run(entry, reference, options.Clock.GetUtcNow(), sink);
                }

                options.Progress?.FileDone(LakeVerifier.SizeOf(outdir, entry));
            }
        }

        var cells = CompletenessCheck.Run(bars, reference, options, lastSession, sink).ToList();
        return new TickerCheckResult(cells, files, bytes, rows);
    }

    private static void CompareWithLedger(LedgerEntry entry, BarFileScan scan, FileFindings findings)
    {
        if (scan.Rows != entry.Rows)
        {
            findings.Add(FindingKind.LedgerMismatch, string.Create(CultureInfo.InvariantCulture, $"{scan.Rows} rows in the file, the ledger recorded {entry.Rows}"));
        }

        if (entry.FirstT is { } first && scan.FirstT is { } actualFirst && first != actualFirst)
        {
            findings.Add(FindingKind.LedgerMismatch, $"first bar {BarFileScanner.Stamp(actualFirst)}, the ledger recorded {BarFileScanner.Stamp(first)}");
        }

        if (entry.LastT is { } last && scan.LastT is { } actualLast && last != actualLast)
        {
            findings.Add(FindingKind.LedgerMismatch, $"last bar {BarFileScanner.Stamp(actualLast)}, the ledger recorded {BarFileScanner.Stamp(last)}");
        }

        if (scan.FirstT is { } f && scan.LastT is { } l)
        {
            var firstDate = NewYorkTime.SessionDateOfMilliseconds(f);
            var lastDate = NewYorkTime.SessionDateOfMilliseconds(l);
            if (firstDate < entry.WindowStart || lastDate > entry.WindowEnd)
            {
                findings.Add(FindingKind.LedgerMismatch, $"bars from {CompletenessCheck.Iso(firstDate)} to {CompletenessCheck.Iso(lastDate)} fall outside the window {CompletenessCheck.Iso(entry.WindowStart)}..{CompletenessCheck.Iso(entry.WindowEnd)}");
            }
        }
    }

    // Datasets other than bars (trades, quotes): the footer must open and every column chunk decode.
    private static void CheckOpens(string full, FileFindings findings)
    {
        try
        {
            using var reader = ParquetFileReader.Open(full);
            foreach (var group in reader.RowGroups)
            {
                for (var c = 0; c < reader.Columns.Count; c++)
                {
                    _ = reader.ReadColumn(group.Index, c);
                }
            }
        }
        catch (Exception ex) when (FileProblem.Is(ex))
        {
            findings.Add(FindingKind.UnreadableFile, FileProblem.Describe(ex));
        }
    }
}
