using System.Globalization;
using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Parquet;

namespace SmallCaps.Core.Verify;

/// <summary>
/// <c>smallcaps verify</c>: the ledger against the files (size, sha256, rows; no orphan or temp
/// file), every file through the Parquet reader (footer, row groups, statistics against values),
/// the bars (order, duplicates, OHLC, New York session date), completeness against the NYSE
/// calendar, daily against minute, and adjusted files made stale by later splits. Read-only.
/// </summary>
public static class LakeVerifier
{
    /// <summary>Runs every check; never throws for problems in the lake (they are findings).</summary>
    public static VerifyReport Run(VerifyOptions options, CancellationToken ct = default)
    {
        var outdir = Path.GetFullPath(options.Outdir);
        if (!Directory.Exists(outdir))
        {
            throw new DirectoryNotFoundException($"--outdir {options.Outdir} does not exist");
        }

        var sink = new FindingSink();
        options.Progress?.Enter("reading the ledger and reference");
        var reference = options.Reference ?? LoadReference(outdir, options.ReferenceCsvs, sink);
        var running = LedgerView.IsRunActive(outdir);
        var entries = ReadLedger(outdir, sink);
        var ledgerReadable = entries is not null;
        entries ??= [];
        foreach (var e in entries.Where(e => !e.IsDone && !e.IsSettledWithoutFile && !(running && e.State is "running" or "pending")))
        {
            var why = e.LastError is null ? string.Empty : $": {e.LastError}";
            sink.Add(new Finding(FindingKind.UnfinishedTask, e.Dataset, e.Ticker, null, e.WindowStart, $"window {CompletenessCheck.Iso(e.WindowStart)}..{CompletenessCheck.Iso(e.WindowEnd)} is {e.State}{why}"));
        }

        if (ledgerReadable && !running)
        {
            foreach (var (dataset, ticker, start, end) in LedgerView.ReadUnfinishedMerges(LedgerView.DatabasePath(outdir)))
            {
                // Until the next run settles it, a kill mid-merge can leave both the merged file and the old ones, or neither name recorded.
                sink.Add(new Finding(FindingKind.UnfinishedTask, dataset, ticker, null, start, $"the merge of {CompletenessCheck.Iso(start)}..{CompletenessCheck.Iso(end)} into one file was interrupted; the next ingest run of this dataset finishes or undoes it"));
            }
        }

        var recorded = entries.Where(e => e.IsDone && e.FilePath is not null).Select(e => e.FilePath!).ToHashSet(StringComparer.Ordinal);
        var unrecorded = ScanFolders(outdir, recorded, reportOrphans: ledgerReadable, reportTemp: !running, sink);

        // Without a ledger, the data files on disk are still checked, as if recorded without facts.
        var checkedEntries = entries.Concat(unrecorded.Select(Unrecorded)).ToList();
        var toCheck = checkedEntries.Where(e => e.IsDone && e.FilePath is not null).ToList();
        options.Progress?.Enter("checked", toCheck.Count, toCheck.Sum(e => SizeOf(outdir, e)));
        var lastSession = LastSession(entries, options.Clock);
        var byTicker = checkedEntries.GroupBy(e => e.Ticker, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var cells = new List<CoverageCell>();
        long files = 0, bytes = 0, rows = 0;
        var gate = new Lock();
        Parallel.ForEach(
            byTicker,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism), CancellationToken = ct },
            group =>
            {
                var result = TickerCheck.Run(outdir, group.Key, group.ToList(), reference, options, lastSession, sink, ct);
                lock (gate)
                {
                    cells.AddRange(result.Cells);
                    files += result.Files;
                    bytes += result.Bytes;
                    rows += result.Rows;
                }
            });

        var findings = sink.Sorted();
        var perCell = findings.Where(f => f.Ticker is not null && f.Date is not null)
            .GroupBy(f => (f.Ticker!, f.Date!.Value.Year))
            .ToDictionary(g => g.Key, g => g.Count());
        var coverage = cells
            .Select(c => c with { Findings = perCell.GetValueOrDefault((c.Ticker, c.Year)) })
            .OrderBy(c => c.Ticker, StringComparer.Ordinal).ThenBy(c => c.Year)
            .ToList();

        // Findings in years without expected sessions (e.g. a closed-day bar) still get a cell.
        foreach (var ((ticker, year), count) in perCell.Where(p => !coverage.Exists(c => c.Ticker == p.Key.Item1 && c.Year == p.Key.Year)))
        {
            coverage.Add(new CoverageCell(ticker, year, 0, 0, 0, 0, count));
        }

        // Reference tasks are labelled by chunk (part-00000), not by ticker: they are not tickers of the lake.
        var tickers = checkedEntries.Where(e => !e.Dataset.StartsWith(Universe.ReferenceLake.Folder + "/", StringComparison.Ordinal)).Select(e => e.Ticker).Distinct(StringComparer.Ordinal).Count();
        var totals = new VerifyTotals(entries.Count, (int)files, bytes, rows, tickers, reference.SpanCount, reference.SplitCount, running, reference.PeriodTickerCount);
        return new VerifyReport(outdir, findings, totals, coverage.OrderBy(c => c.Ticker, StringComparer.Ordinal).ThenBy(c => c.Year).ToList());
    }

    /// <summary>
    /// The last day a ticker the reference says is listed should have a daily bar: yesterday in New York, but no later
    /// than the last daily bar of the whole lake (days no ticker has bars for are not yet served, not gaps); null
    /// without daily bars in the ledger.
    /// </summary>
    private static LocalDate? LastSession(List<LedgerEntry> entries, TimeProvider clock)
    {
        var lastT = entries.Where(e => e.IsDone && e.Dataset == LakeLayoutView.DailyDataset && e.LastT is not null).Max(e => e.LastT);
        if (lastT is not { } t)
        {
            return null;
        }

        var yesterday = NewYorkTime.Today(clock).PlusDays(-1);
        var lastBar = NewYorkTime.SessionDateOfMilliseconds(t);
        return lastBar < yesterday ? lastBar : yesterday;
    }

    // A reference file that cannot be read is a finding; the checks go on without its rows.
    private static TickerReference LoadReference(string outdir, ReferenceCsvs csvs, FindingSink sink) =>
        ReferenceView.Load(outdir, csvs, (relative, ex) => sink.Add(new Finding(
            FindingKind.UnreadableFile,
            ReferenceDatasetOf(relative),
            null,
            relative,
            null,
            $"reference data unreadable, checked without it: {FileProblem.Describe(ex)}")));

    // reference/splits/snapshot_date=.../part-00000.parquet belongs to the ledger dataset reference/splits.
    private static string ReferenceDatasetOf(string relative)
    {
        var segments = relative.Split('/');
        return segments.Length > 2 ? $"{segments[0]}/{segments[1]}" : segments[0];
    }

    private static List<LedgerEntry>? ReadLedger(string outdir, FindingSink sink)
    {
        var path = LedgerView.DatabasePath(outdir);
        try
        {
            return LedgerView.ReadTasks(path).ToList();
        }
        catch (Exception ex) when (ex is FileNotFoundException or Microsoft.Data.Sqlite.SqliteException or FormatException or IOException)
        {
            sink.Add(new Finding(FindingKind.LedgerUnreadable, null, null, LakeLayoutView.Relative(outdir, path), null, ex.Message.ReplaceLineEndings(" ")));
            return null;
        }
    }

    // Files in dataset folders that no done task accounts for: temp files, orphans, strays.
    private static List<string> ScanFolders(string outdir, HashSet<string> recorded, bool reportOrphans, bool reportTemp, FindingSink sink)
    {
        var unrecorded = new List<string>();
        foreach (var dataset in LakeLayoutView.DatasetFoldersIn(outdir))
        {
            var root = Path.Combine(outdir, dataset);
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var full in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = LakeLayoutView.Relative(outdir, full);
                var name = Path.GetFileName(full);
                var ticker = LakeLayoutView.TickerOf(relative);
                if (LakeLayoutView.IsTempName(name))
                {
                    if (!reportTemp)
                    {
                        continue;
                    }

                    sink.Add(new Finding(FindingKind.TempFile, dataset, ticker, relative, null, string.Create(CultureInfo.InvariantCulture, $"temporary or partial file ({new FileInfo(full).Length} bytes) left by an interrupted run")));
                }
                else if (recorded.Contains(relative))
                {
                    continue;
                }
                else if (!reportOrphans && LakeLayoutView.IsDataFileName(name))
                {
                    unrecorded.Add(relative);
                }
                else
                {
                    var what = LakeLayoutView.IsDataFileName(name) ? "no done task in the ledger accounts for this file" : "unexpected file in a dataset folder";
                    sink.Add(new Finding(FindingKind.OrphanFile, dataset, ticker, relative, null, what));
                }
            }
        }

        if (reportOrphans)
        {
            ScanReferenceFolders(outdir, recorded, reportTemp, sink);
        }

        return unrecorded;
    }

    // Files under reference/ no done task accounts for: verify would read a stray copy's splits or dates unnoticed.
    private static void ScanReferenceFolders(string outdir, HashSet<string> recorded, bool reportTemp, FindingSink sink)
    {
        foreach (var dataset in LakeLayoutView.ReferenceDatasets)
        {
            var root = LakeLayoutView.Full(outdir, dataset);
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var full in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = LakeLayoutView.Relative(outdir, full);
                var name = Path.GetFileName(full);
                if (LakeLayoutView.IsTempName(name))
                {
                    if (reportTemp)
                    {
                        sink.Add(new Finding(FindingKind.TempFile, dataset, null, relative, null, string.Create(CultureInfo.InvariantCulture, $"temporary or partial file ({new FileInfo(full).Length} bytes) left by an interrupted run")));
                    }
                }
                else if (!recorded.Contains(relative) && !LakeLayoutView.IsLegacyReferenceFile(relative))
                {
                    var what = LakeLayoutView.IsDataFileName(name) ? "no done task in the ledger accounts for this file" : "unexpected file in a reference folder";
                    sink.Add(new Finding(FindingKind.OrphanFile, dataset, null, relative, null, what));
                }
            }
        }
    }

    // A file the ledger does not record has no recorded size: its size on disk.
    internal static long SizeOf(string outdir, LedgerEntry e)
    {
        if (!e.IsUnrecorded)
        {
            return e.Bytes;
        }

        var info = new FileInfo(LakeLayoutView.Full(outdir, e.FilePath!));
        return info.Exists ? info.Length : 0;
    }

    private static LedgerEntry Unrecorded(string relative) => new(
        LakeLayoutView.DatasetOf(relative) ?? string.Empty,
        LakeLayoutView.TickerOf(relative) ?? string.Empty,
        new LocalDate(1970, 1, 1),
        new LocalDate(1970, 1, 1),
        "done",
        null,
        0,
        0,
        null,
        null,
        null,
        relative,
        Adjusted: false,
        FetchedAt: null)
    { IsUnrecorded = true };
}
