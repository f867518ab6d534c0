using System.Security.Cryptography;
using SmallCaps.Core.Api;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Parquet;
using ILogger = Serilog.ILogger;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// Merges a partition's window files into one (see <see cref="MergePlanner"/>) without a moment where a bar is
/// missing: the merged file is sealed under a temp name and journalled, then renamed in, then the ledger swaps the
/// windows in one transaction, and only then are the old files deleted. A killed run leaves a journal row that
/// <see cref="Recover"/> finishes (merged file published) or undoes (it was not). Between the rename and the deletes,
/// a reader globbing the folder can see both; that lasts one rename and a few deletes, or until the next run after a kill.
/// </summary>
internal static class PartitionMerger
{
    // Rows per row group of a bar file: one page holds a whole group read back.
    private const int BarPartFileRowGroup = 65_536;

    private static readonly string[] BarColumns = ["t", "o", "h", "l", "c", "v", "vw", "n", "otc"];

    /// <summary>Merges every due partition of <paramref name="tickers"/>, counting them on <paramref name="counters"/> for the progress line; stops when cancelled.</summary>
    public static async Task<MergeTally> MergeAsync(string outdir, BarDataset dataset, SqliteLedger ledger, IReadOnlyCollection<string> tickers, int workers, ILogger log, IngestCounters? counters, CancellationToken cancellationToken)
    {
        Fold(dataset, ledger, log);
        var candidates = MergePlanner.Plan(dataset, ledger.Tasks(dataset.Name), tickers);
        if (candidates.Count == 0)
        {
            return new MergeTally(0, 0, 0);
        }

        log.Information("{Dataset}: merging {Count} partitions whose bars sit in several files", dataset.Name, candidates.Count);
        counters?.MergesPlanned(candidates.Count);
        int partitions = 0, files = 0, skipped = 0;
        using var full = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(workers, 1, Environment.ProcessorCount), CancellationToken = full.Token };
        try
        {
            await Parallel.ForEachAsync(candidates, parallel, async (candidate, ct) =>
            {
                string? problem;
                try
                {
                    problem = await MergeOneAsync(outdir, dataset, ledger, candidate, log, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A disk or file error spoils one merge, not the run: the journal lets the next run finish or undo it.
                    problem = $"{e.GetType().Name}: {e.Message}";
                    if (DiskFull.Is(e))
                    {
                        // Every other merge needs room too: leave them all for a run with space.
                        await full.CancelAsync();
                    }
                }

                counters?.MergeFinished();
                if (problem is null)
                {
                    Interlocked.Increment(ref partitions);
                    Interlocked.Add(ref files, candidate.Files.Count());
                }
                else
                {
                    Interlocked.Increment(ref skipped);
                    log.Warning("Not merged: {Ticker} {From}..{To}: {Problem}", candidate.Merged.Ticker, IsoDate.Format(candidate.Merged.WindowStart), IsoDate.Format(candidate.Merged.WindowEnd), problem);
                }
            });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            skipped = candidates.Count - partitions;
            log.Warning("{Dataset}: the disk is full; {Skipped} partitions left unmerged for a later run", dataset.Name, skipped);
        }
        log.Information("{Dataset}: merged {Files} files into {Partitions} ({Skipped} partitions left as they were)", dataset.Name, files, partitions, skipped);
        return new MergeTally(partitions, files, skipped);
    }

    /// <summary>
    /// Folds every partition's adjoining empty windows into one ledger row (see <see cref="WindowFolds"/>), of every
    /// ticker of the dataset, so rows a lake already piled up go too; in one transaction, no file touched. Returns the rows removed.
    /// </summary>
    public static int Fold(BarDataset dataset, SqliteLedger ledger, ILogger log)
    {
        // A journalled merge names its sources by row id: those rows wait for the merge to settle.
        var held = ledger.Merges(dataset.Name).SelectMany(m => m.SourceIds).ToHashSet();

        // A window marked to be fetched again (an older build may have settled it early) keeps its own row until it is.
        held.UnionWith(ledger.TailRecheckIds());
        var folds = WindowFolds.Plan(dataset, ledger.Tasks(dataset.Name), held);
        if (folds.Count == 0)
        {
            return 0;
        }

        using (var tx = ledger.Begin())
        {
            foreach (var fold in folds)
            {
                tx.FoldWindows(fold.Kept.Id, fold.Window, fold.Absorbed);
            }

            tx.Commit();
        }

        var removed = folds.Sum(f => f.Absorbed.Count);
        log.Information("{Dataset}: folded {Windows} adjoining settled windows into {Rows} ledger rows", dataset.Name, removed + folds.Count, folds.Count);
        return removed;
    }

    /// <summary>
    /// Finishes or undoes the merges a killed run left journalled (call under the outdir lock, before planning);
    /// returns how many it settled.
    /// </summary>
    public static int Recover(string outdir, BarDataset dataset, SqliteLedger ledger, ILogger log)
    {
        var merges = ledger.Merges(dataset.Name);
        foreach (var merge in merges)
        {
            var final = LakeLayout.FullPath(outdir, merge.File.RelativePath);
            if (!merge.Published)
            {
                if (File.Exists(final) && Sha256Of(final) == merge.File.Sha256)
                {
                    // Killed after the rename: the merged file is whole, so carry on with the swap.
                    Swap(ledger, merge);
                }
                else
                {
                    // Killed before the rename (the temp file is gone with the orphan clean-up): the sources still hold every bar.
                    DeleteIfPresent(LakeLayout.FullPath(outdir, merge.TempPath));
                    DeleteIfPresent(final);
                    using var undo = ledger.Begin();
                    undo.DeleteMerge(merge.Id);
                    undo.Commit();
                    log.Information("Undid an unfinished merge of {Ticker} {From}..{To}", merge.Key.Ticker, IsoDate.Format(merge.Key.WindowStart), IsoDate.Format(merge.Key.WindowEnd));
                    continue;
                }
            }

            if (FinishDeletes(outdir, ledger, merge, log))
            {
                log.Information("Finished an interrupted merge of {Ticker} {From}..{To}", merge.Key.Ticker, IsoDate.Format(merge.Key.WindowStart), IsoDate.Format(merge.Key.WindowEnd));
            }
        }

        return merges.Count;
    }

    // Null when merged; otherwise why the partition was left alone (its files stay as they are).
    private static async Task<string?> MergeOneAsync(string outdir, BarDataset dataset, SqliteLedger ledger, MergeCandidate candidate, ILogger log, CancellationToken cancellationToken)
    {
        foreach (var source in candidate.Files)
        {
            var path = LakeLayout.FullPath(outdir, source.FilePath!);
            if (!File.Exists(path))
            {
                return $"{source.FilePath} is missing (run smallcaps verify)";
            }

            if (Sha256Of(path) != source.Sha256)
            {
                return $"{source.FilePath} no longer matches the sha256 the ledger recorded (run smallcaps verify)";
            }
        }

        var relative = LakeLayout.RelativePath(dataset, candidate.Merged);
        using var file = BarPartFile.Create(outdir, relative, candidate.Merged);
        var page = new BarPage(BarPartFileRowGroup);
        foreach (var source in candidate.Files)
        {
            using var reader = ParquetFileReader.Open(LakeLayout.FullPath(outdir, source.FilePath!));
            var columns = BarColumns.Select(reader.IndexOf).ToArray();
            if (columns.Any(c => c < 0))
            {
                return $"{source.FilePath} is not a bar file";
            }

            foreach (var group in reader.RowGroups)
            {
                Fill(page, columns.Select(c => reader.ReadColumn(group.Index, c, cancellationToken)).ToArray());
                await file.AppendAsync(page, cancellationToken);
            }
        }

        var expected = candidate.Files.Sum(s => s.Rows);
        if (file.Rows != expected)
        {
            return $"the files hold {file.Rows} bars in order, the ledger recorded {expected}";
        }

        var sealedFile = await file.SealAsync(cancellationToken);

        // The merged bars are as old as the oldest source's: a split since then makes the merged file stale too.
        Replace(outdir, ledger, file, sealedFile, candidate.Merged, candidate.Sources, candidate.Files.Min(s => s.FetchedAt), log);
        return null;
    }

    /// <summary>
    /// Puts a sealed file in place of <paramref name="sources"/>' rows and files (a merge, or a window fetched again)
    /// through the journal: recorded, renamed in, swapped in the ledger in one transaction, then the old files deleted.
    /// </summary>
    public static void Replace(string outdir, SqliteLedger ledger, BarPartFile file, CommittedFile sealedFile, TaskKey key, IReadOnlyList<LedgerTask> sources, DateTimeOffset? fetchedAt, ILogger log, bool clearsTailRecheck = false)
    {
        var merge = new MergeRecord
        {
            Key = key,
            TempPath = Path.GetRelativePath(outdir, file.TempPath).Replace(Path.DirectorySeparatorChar, '/'),
            File = sealedFile,
            Adjusted = sources[0].Adjusted,
            Timespan = sources[0].Timespan,
            SourceIds = [.. sources.Select(s => s.Id)],
            SourcePaths = [.. sources.Where(s => s.State == TaskState.Done).Select(s => s.FilePath!)],
            FetchedAt = fetchedAt,
        };

        // From here on no cancellation: each step is short, and the journal lets a kill resume from any of them.
        using (var tx = ledger.Begin())
        {
            merge = merge with { Id = tx.InsertMerge(merge) };
            tx.Commit();
        }

        file.Publish();
        Swap(ledger, merge, clearsTailRecheck);
        FinishDeletes(outdir, ledger, merge, log);
    }

    // A late tail's mark is cleared with the swap, so a run killed during a batch of them does not fetch the done ones
    // again (killed between the journal and the swap, recovery keeps the mark: one more fetch, the safe side).
    private static void Swap(SqliteLedger ledger, MergeRecord merge, bool clearsTailRecheck = false)
    {
        using var tx = ledger.Begin();
        tx.PublishMerge(merge);
        if (clearsTailRecheck)
        {
            tx.ClearTailRecheck(merge.Key);
        }

        tx.Commit();
    }

    // Deletes the merged-away files, then forgets the merge; true when done. A file another program holds open (Windows
    // refuses to delete it) stays, and so does the journal row: the next run deletes it. Until then its bars show twice.
    private static bool FinishDeletes(string outdir, SqliteLedger ledger, MergeRecord merge, ILogger log)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var left = new List<string>();
        foreach (var relative in merge.SourcePaths)
        {
            var path = LakeLayout.FullPath(outdir, relative);
            try
            {
                DeleteIfPresent(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                left.Add(relative);
            }

            folders.Add(Path.GetDirectoryName(path)!);
        }

        foreach (var folder in folders.Where(Directory.Exists))
        {
            DirectorySync.Flush(folder);
        }

        if (left.Count > 0)
        {
            log.Warning("Merged, but could not delete {Files} yet (open in another program?): the next run deletes them; until then their bars are there twice", left);
            return false;
        }

        using var tx = ledger.Begin();
        tx.DeleteMerge(merge.Id);
        tx.Commit();
        return true;
    }

    private static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static void Fill(BarPage page, ColumnData[] c)
    {
        page.Reset();
        var (t, o, h, l, cl, v) = (c[0].Int64Values!, c[1].DoubleValues!, c[2].DoubleValues!, c[3].DoubleValues!, c[4].DoubleValues!, c[5].DoubleValues!);
        var (vw, n, otc) = (c[6], c[7], c[8].BooleanValues!);
        for (var i = 0; i < t.Length; i++)
        {
            var hasVwap = !vw.IsNull(i);
            var hasN = !n.IsNull(i);
            page.Append(t[i], o[i], h[i], l[i], cl[i], v[i], hasVwap ? vw.DoubleValues![i] : 0, hasVwap, hasN ? n.Int64Values![i] : 0, hasN, otc[i]);
        }
    }

    private static string Sha256Of(string path)
    {
        using var stream = Input.SharedRead.Open(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
