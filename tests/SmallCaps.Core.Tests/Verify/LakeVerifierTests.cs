using NodaTime;
using SmallCaps.Core.Calendar;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Verify;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Verify;

[Collection(SimLakeCollection.Name)]
public sealed class LakeVerifierTests(SimLakeFixture lake)
{
    private static readonly string Daily = LakeLayoutView.DailyDataset;
    private static readonly string Minute = LakeLayoutView.MinuteDataset;

    [Fact]
    public void Run_CleanLakeFromIngest_ReportsClean()
    {
        // Given
        using var dir = lake.Copy();

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        // Then
        Assert.True(report.IsClean, string.Join("\n", report.Findings.Select(f => $"{f.Kind} {f.Path} {f.Detail}")));
        Assert.Equal(lake.Tickers.Count, report.Totals.Tickers);
        Assert.True(report.Totals.Rows > 10_000);
        Assert.Equal(lake.Tickers.Count, report.Totals.ReferenceSpans);
        var cells = report.Coverage.Where(c => c.Year == 2023).ToList();
        Assert.Equal(lake.Tickers.Count, cells.Count);
        Assert.All(cells, c => Assert.Equal(NyseCalendar.Sessions(SimLakeFixture.DailyFrom, SimLakeFixture.DailyTo).Count, c.ExpectedSessions));
        Assert.All(cells, c => Assert.Equal(c.ExpectedSessions, c.DailySessions));
        Assert.All(cells, c => Assert.Equal(NyseCalendar.Sessions(SimLakeFixture.MinuteFrom, SimLakeFixture.MinuteTo).Count, c.MinuteSessions));
    }

    [Fact]
    public void Run_FlippedByte_ReportsHashMismatchForThatFile()
    {
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, Minute);
        LakeSurgery.FlipByte(LakeSurgery.Full(dir.Path, entry), entry.Bytes / 2);

        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        var finding = Assert.Single(report.Findings, f => f.Kind == FindingKind.HashMismatch);
        Assert.Equal(entry.FilePath, finding.Path);
        Assert.Contains(entry.Sha256!, finding.Detail, StringComparison.Ordinal);
        Assert.False(report.IsClean);
    }

    [Fact]
    public void Run_TruncatedFile_ReportsSizeMismatchAndUnreadableFile()
    {
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, Daily);
        var path = LakeSurgery.Full(dir.Path, entry);
        using (var fs = new FileStream(path, FileMode.Open))
        {
            fs.SetLength(entry.Bytes - 100);
        }

        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        var size = Assert.Single(report.Findings, f => f.Kind == FindingKind.SizeMismatch);
        Assert.Equal(entry.FilePath, size.Path);
        Assert.StartsWith("truncated", size.Detail, StringComparison.Ordinal);
        Assert.Contains(report.Findings, f => f.Kind == FindingKind.UnreadableFile && f.Path == entry.FilePath);
    }

    [Fact]
    public void Run_DeletedFile_ReportsMissingFileAndTheSessionsItHeld()
    {
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, Daily);
        File.Delete(LakeSurgery.Full(dir.Path, entry));

        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        var missing = Assert.Single(report.Findings, f => f.Kind == FindingKind.MissingFile);
        Assert.Equal(entry.FilePath, missing.Path);
        Assert.Contains(report.Findings, f => f.Kind == FindingKind.MissingSession && f.Ticker == entry.Ticker);
    }

    [Fact]
    public async Task Run_DuplicatedBar_ReportsDuplicateTimestamp()
    {
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, Minute);
        await LakeSurgery.RewriteAsync(dir.Path, entry, bars => [.. bars.Take(100), bars[99], .. bars.Skip(100)]);

        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        var dup = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.DuplicateTimestamp, dup.Kind);
        Assert.Equal(entry.FilePath, dup.Path);
    }

    [Fact]
    public async Task Run_MissingSessionOfMinuteBars_ReportsMissingMinuteSessionWithTheDate()
    {
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, Minute);
        var dropped = new LocalDate(2023, 11, 24); // the half day after Thanksgiving
        var dayNumber = dropped.ToDateOnly().DayNumber - new DateOnly(1970, 1, 1).DayNumber;
        await LakeSurgery.RewriteAsync(dir.Path, entry, bars => bars.Where(b => b.SessionDay != dayNumber).ToList());

        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        var missing = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.MissingMinuteSession, missing.Kind);
        Assert.Equal(entry.Ticker, missing.Ticker);
        Assert.Contains("2023-11-24", missing.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingDailyBar_ReportsMissingSession()
    {
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, Daily);
        await LakeSurgery.RewriteAsync(dir.Path, entry, bars => bars.Where(b => b.SessionDay != bars[10].SessionDay).ToList());

        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        var missing = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.MissingSession, missing.Kind);
        Assert.Equal(entry.Ticker, missing.Ticker);
    }

    [Fact]
    public async Task Run_DailyVolumeAndHighOff_ReportsDailyMinuteMismatch()
    {
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, Daily);
        var day = new LocalDate(2023, 12, 5).ToDateOnly().DayNumber - new DateOnly(1970, 1, 1).DayNumber;
        await LakeSurgery.RewriteAsync(dir.Path, entry, bars => bars.Select(b => b.SessionDay == day ? b with { V = b.V * 2, H = b.H * 1.5 } : b).ToList());

        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        var mismatch = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.DailyMinuteMismatch, mismatch.Kind);
        Assert.Contains("daily volume", mismatch.Detail, StringComparison.Ordinal);
        Assert.Contains("daily high", mismatch.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadPricesAndWrongSessionDate_ReportsBoth()
    {
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, Minute);
        await LakeSurgery.RewriteAsync(dir.Path, entry, bars => bars.Select((b, i) => i switch
        {
            5 => b with { L = b.H + 1 },
            6 => b with { SessionDay = b.SessionDay + 1 },
            7 => b with { V = -1 },
            _ => b,
        }).ToList());

        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        var ohlc = Assert.Single(report.Findings, f => f.Kind == FindingKind.OhlcViolation);
        Assert.Equal(2, ohlc.Count);
        Assert.Single(report.Findings, f => f.Kind == FindingKind.WrongSessionDate && f.Path == entry.FilePath);
    }

    [Fact]
    public void Run_SplitAfterFetch_ReportsStaleSplitForAdjustedFilesOfThatTicker()
    {
        using var dir = lake.Copy();
        var ticker = lake.Tickers[0];
        var fetched = LakeSurgery.Tasks(dir.Path).First(e => e.IsDone).FetchedAt!.Value.InZone(NewYorkTime.Zone).Date;
        var split = new SplitRecord(ticker, fetched.PlusDays(10), 1, 4);
        var reference = new TickerReference([], [split]);
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(30));

        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path, Reference = reference, Clock = later });

        var stale = report.Findings.Where(f => f.Kind == FindingKind.StaleSplit).ToList();
        Assert.Equal(LakeSurgery.Tasks(dir.Path).Count(e => e.IsDone && e.Ticker == ticker), stale.Count);
        Assert.All(stale, f => Assert.Equal(ticker, f.Ticker));
        Assert.All(stale, f => Assert.NotNull(f.Path));
        Assert.Contains("4-for-1", stale[0].Detail, StringComparison.Ordinal);

        // A split that has not executed yet makes nothing stale.
        var now = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path, Reference = reference, Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) });
        Assert.DoesNotContain(now.Findings, f => f.Kind == FindingKind.StaleSplit);
    }

    [Fact]
    public void Run_TempOrphanAndFailedTask_ReportsEach()
    {
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, Minute);
        var folder = Path.GetDirectoryName(LakeSurgery.Full(dir.Path, entry))!;
        File.WriteAllBytes(Path.Combine(folder, ".part-0123.tmp"), new byte[10]);
        File.Copy(LakeSurgery.Full(dir.Path, entry), Path.Combine(folder, "part-copy.parquet"));
        var daily = LakeSurgery.FirstDone(dir.Path, Daily, lake.Tickers[1]);
        LakeSurgery.SetState(dir.Path, daily, TaskState.Failed, "HTTP 502 after 6 retries");

        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        Assert.Single(report.Findings, f => f.Kind == FindingKind.TempFile && f.Path!.EndsWith(".part-0123.tmp", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.Kind == FindingKind.OrphanFile && f.Path!.EndsWith("part-copy.parquet", StringComparison.Ordinal));
        var failed = Assert.Single(report.Findings, f => f.Kind == FindingKind.UnfinishedTask);
        Assert.Contains("HTTP 502", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoLedger_ReportsLedgerUnreadableAndStillChecksFiles()
    {
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, Minute);
        Directory.Delete(Path.Combine(dir.Path, LedgerView.FolderName), recursive: true);

        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        Assert.Single(report.Findings, f => f.Kind == FindingKind.LedgerUnreadable);
        Assert.True(report.Totals.Rows > 10_000);
        Assert.True(report.Totals.Files > 0);
        Assert.DoesNotContain(report.Findings, f => f.Kind == FindingKind.OrphanFile && f.Path == entry.FilePath);
    }

    [Fact]
    public void Run_WhileAnIngestHoldsTheOutdir_DoesNotCountItsTempFile()
    {
        // Given: a live run's lock and its temp file
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, Minute);
        File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(LakeSurgery.Full(dir.Path, entry))!, ".part-live.tmp"), new byte[10]);

        // When
        VerifyReport during;
        using (OutdirLock.Acquire(dir.Path, TimeProvider.System))
        {
            during = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });
        }

        var after = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        // Then: clean while the run lives; the file left behind afterwards is a finding
        Assert.True(during.Totals.IngestRunning);
        Assert.True(during.IsClean);
        Assert.False(after.Totals.IngestRunning);
        Assert.Single(after.Findings, f => f.Kind == FindingKind.TempFile);
    }

    [Fact]
    public async Task Run_SplitInTheReferenceLake_IsReadFromParquetAndMakesAdjustedFilesStale()
    {
        // Given: a split in reference/splits/snapshot_date=.../part.parquet, as select-universe writes it
        using var dir = lake.Copy();
        var ticker = lake.Tickers[1];
        var fetched = LakeSurgery.Tasks(dir.Path).First(e => e.IsDone).FetchedAt!.Value.InZone(NewYorkTime.Zone).Date;
        var folder = Path.Combine(dir.Path, "reference", "splits", "snapshot_date=2030-01-01");
        Directory.CreateDirectory(folder);
        var schema = new Parquet.ParquetSchema([Parquet.ColumnSpec.String("ticker"), new Parquet.ColumnSpec("execution_date", Parquet.ColumnType.Date), new Parquet.ColumnSpec("split_from", Parquet.ColumnType.Double), new Parquet.ColumnSpec("split_to", Parquet.ColumnType.Double)]);
        await using (var writer = Parquet.ParquetFileWriter.CreateFile(Path.Combine(folder, "part.parquet"), schema))
        {
            var batch = new Parquet.ColumnBatch(schema);
            batch.StringColumn(0).Append(ticker);
            batch.Int32Column(1).Append(fetched.PlusDays(5).ToDateOnly().DayNumber - new DateOnly(1970, 1, 1).DayNumber);
            batch.DoubleColumn(2).Append(10);
            batch.DoubleColumn(3).Append(1);
            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path, Clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(10)) });

        // Then
        Assert.NotEmpty(report.Findings);
        Assert.All(report.Findings, f => Assert.Equal(FindingKind.StaleSplit, f.Kind));
        Assert.All(report.Findings, f => Assert.Equal(ticker, f.Ticker));
        Assert.Contains("1-for-10", report.Findings[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FooterStatisticsDisagreeWithValues_ReportsInconsistentMetadata()
    {
        // Given: the footer's min of column t rewritten one minute earlier than the first stored bar
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, Minute);
        var path = LakeSurgery.Full(dir.Path, entry);
        var bytes = File.ReadAllBytes(path);
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        var footerStart = bytes.Length - 8 - footerLength;
        var min = BitConverter.GetBytes(entry.FirstT!.Value);
        var earlier = BitConverter.GetBytes(entry.FirstT!.Value - 60_000);
        var patched = 0;
        for (var i = footerStart; i <= bytes.Length - 8 - min.Length; i++)
        {
            if (bytes.AsSpan(i, min.Length).SequenceEqual(min))
            {
                earlier.CopyTo(bytes, i);
                patched++;
            }
        }

        Assert.True(patched > 0);
        File.WriteAllBytes(path, bytes);

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        // Then
        var stats = Assert.Single(report.Findings, f => f.Kind == FindingKind.InconsistentMetadata);
        Assert.Equal(entry.FilePath, stats.Path);
        Assert.Contains("column 't': statistics say min", stats.Detail, StringComparison.Ordinal);
        Assert.Contains(report.Findings, f => f.Kind == FindingKind.HashMismatch && f.Path == entry.FilePath);
    }

    [Fact]
    public async Task Run_BarFileWithTimesInMicroseconds_ReportsSchemaMismatchAndChecksTheRest()
    {
        // Given: a daily file rewritten as DuckDB's COPY writes it, t as TIMESTAMP in microseconds (recorded in the ledger)
        using var dir = lake.Copy();
        var entry = LakeSurgery.FirstDone(dir.Path, Daily);
        var columns = SmallCaps.Core.Lake.BarSchema.Schema.Columns.Select(c => c.Name == "t" ? Parquet.ColumnSpec.Timestamp("t", Parquet.TimeUnit.Micros) : c).ToList();
        await LakeSurgery.RewriteAsync(dir.Path, entry, bars => bars, new Parquet.ParquetSchema(columns), t => t * 1000);

        // When
        var report = LakeVerifier.Run(new VerifyOptions { Outdir = dir.Path });

        // Then: the file is named with the column and unit; its bars are not read as times, the other files are checked
        var mismatch = Assert.Single(report.Findings, f => f.Kind == FindingKind.SchemaMismatch);
        Assert.Equal(entry.FilePath, mismatch.Path);
        Assert.Contains("column 't' is INT64 TIMESTAMP(MICROS,UTC), the lake's bars store INT64 TIMESTAMP(MILLIS,UTC)", mismatch.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Kind is FindingKind.WrongSessionDate or FindingKind.Unsorted);
        Assert.True(report.Totals.Rows > 10_000);
    }
}
