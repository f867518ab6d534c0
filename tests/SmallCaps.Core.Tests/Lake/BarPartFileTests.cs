using System.Security.Cryptography;
using NodaTime;
using SmallCaps.Core.Api;
using SmallCaps.Core.Lake;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Tests.Ingest;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Lake;

public sealed class BarPartFileTests
{
    private static readonly TaskKey Key = new("bars_1m", "ABC", new LocalDate(2024, 1, 2), new LocalDate(2024, 1, 2));

    // 2024-01-02 19:59 New York (EST) = 2024-01-03 00:59Z: the UTC date is the next day.
    private const long PostMarket = 1704243540000;

    private static BarPage Page(params long[] times)
    {
        var page = new BarPage();
        foreach (var t in times)
        {
            var row = page.Add(t, 1, 2, 0.5, 1.5, 100);
            if (t != PostMarket)
            {
                page.SetVwap(row, 1.25);
                page.SetTransactions(row, 7);
            }
        }

        return page;
    }

    [Fact]
    public async Task Dispose_WithoutCommit_LeavesNoFileAtAll()
    {
        // Given
        using var dir = new TempDirectory();
        var relative = LakeLayout.RelativePath(BarDataset.Minute, Key);

        // When
        using (var file = BarPartFile.Create(dir.Path, relative, Key))
        {
            await file.AppendAsync(Page(1704200400000), default);
        }

        // Then
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task CommitAsync_PublishesFileWithMatchingHashAndNewYorkSessionDate()
    {
        using var dir = new TempDirectory();
        var relative = LakeLayout.RelativePath(BarDataset.Minute, Key);
        CommittedFile committed;
        using (var file = BarPartFile.Create(dir.Path, relative, Key))
        {
            // A repeated bar, a bar of the previous New York day and one of the next are dropped.
            await file.AppendAsync(Page(1704171540000, 1704200400000, 1704200400000, PostMarket, 1704258000000), default);
            committed = await file.CommitAsync(default);
        }

        var path = LakeLayout.FullPath(dir.Path, relative);
        Assert.Equal("bars_1m/ticker=ABC/year=2024/part-20240102-20240102.parquet", relative);
        Assert.Equal(2, committed.Rows);
        Assert.Equal(new FileInfo(path).Length, committed.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), committed.Sha256);
        var rows = LakeRows.Read(dir.Path, BarDataset.Minute, "ABC");
        Assert.Equal([1704200400000, PostMarket], rows.Select(r => r.T));
        Assert.All(rows, r => Assert.Equal(new LocalDate(2024, 1, 2), new LocalDate(1970, 1, 1).PlusDays(r.SessionDay)));
        Assert.Null(rows[1].Vw);
        Assert.Null(rows[1].N);
        Assert.Equal(7, rows[0].N);
        Assert.Empty(LakeRows.TempFiles(dir.Path));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AppendAsync_LargePagesAcrossDst_KeepEveryInWindowBarOnceWithItsNewYorkDay(bool disorder)
    {
        // Given: a three-month window (DST starts on 10 March) of minute bars 04:00-20:00 New York, with nulls and otc flags;
        // with disorder, some slices repeat earlier bars or stray outside the window (they take the per-bar filter).
        using var dir = new TempDirectory();
        var key = new TaskKey("bars_1m", "ABC", new LocalDate(2024, 2, 1), new LocalDate(2024, 4, 30));
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var random = new Random(disorder ? 7 : 3);
        var expected = new List<LakeRows.Row>();
        var page = new BarPage(50_000);
        for (var day = key.WindowStart; day <= key.WindowEnd; day = day.PlusDays(1))
        {
            var open = day.At(new LocalTime(4, 0)).InZoneStrictly(zone).ToInstant().ToUnixTimeMilliseconds();
            for (var minute = 0; minute < 16 * 60; minute += random.Next(1, 3))
            {
                var t = open + (minute * 60_000L);
                var price = 10 + (random.Next(1000) / 100.0);
                var row = page.Add(t, price, price + 0.05, price - 0.05, price + 0.01, random.Next(1, 5000));
                double? vw = random.Next(10) == 0 ? null : price + 0.002;
                long? n = random.Next(10) == 0 ? null : random.Next(1, 90);
                var otc = random.Next(50) == 0;
                if (vw is { } w)
                {
                    page.SetVwap(row, w);
                }

                if (n is { } count)
                {
                    page.SetTransactions(row, count);
                }

                page.SetOtc(row, otc);
                expected.Add(new LakeRows.Row("ABC", t, day.ToDateOnly().DayNumber - new DateOnly(1970, 1, 1).DayNumber, price, price + 0.05, price - 0.05, price + 0.01, page.Volume[row], vw, n, otc));
            }
        }

        var pages = new List<BarPage>();
        for (var from = 0; from < page.Count; from += 9_000)
        {
            var part = new BarPage(10_000);
            for (var i = from; i < Math.Min(page.Count, from + 9_000); i++)
            {
                AddCopy(part, page, i);
            }

            if (disorder && pages.Count % 2 == 1)
            {
                // A repeat of the previous part's last bar, and a bar of the day after the window.
                AddCopy(part, page, from - 1);
                part.Add(NewYorkStart(key.WindowEnd.PlusDays(1)) + 60_000, 1, 1, 1, 1, 1);
            }

            pages.Add(part);
        }

        // When
        using (var file = BarPartFile.Create(dir.Path, LakeLayout.RelativePath(BarDataset.Minute, key), key))
        {
            foreach (var part in pages)
            {
                await file.AppendAsync(part, default);
            }

            await file.CommitAsync(default);
        }

        // Then
        var rows = LakeRows.Read(dir.Path, BarDataset.Minute, "ABC");
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(expected, rows);
    }

    [Fact]
    public async Task AppendAsync_TailsHeldAcrossPagesAndSharedBatchAfterAbandonedFile_CommitWritesExactlyTheNewFilesBars()
    {
        // Given one worker batch: an abandoned file leaves a 100-bar tail staged in it, then a file gets pages of odd sizes
        // (tails that wait for the next page, a page that fills the batch exactly, single bars)
        using var dir = new TempDirectory();
        var batch = new SmallCaps.Parquet.ColumnBatch(BarSchema.Schema, 4096);
        var open = NewYorkStart(new LocalDate(2024, 1, 2));
        using (var abandoned = BarPartFile.Create(dir.Path, LakeLayout.RelativePath(BarDataset.Minute, Key), Key, batch))
        {
            await abandoned.AppendAsync(Page([.. Enumerable.Range(0, 100).Select(i => open + (i * 1000L))]), default);
        }

        var sizes = new[] { 8192 + 50, 3, 8139, 1, 1, 20_000, 777 };
        var times = new List<long>();
        var next = open + 500;

        // When
        using (var file = BarPartFile.Create(dir.Path, LakeLayout.RelativePath(BarDataset.Minute, Key), Key, batch))
        {
            foreach (var size in sizes)
            {
                var page = Page([.. Enumerable.Range(0, size).Select(i => next + (i * 1000L))]);
                times.AddRange(page.Time.ToArray());
                next += size * 1000L;
                await file.AppendAsync(page, default);
            }

            Assert.Equal(times.Count, file.Rows);
            await file.CommitAsync(default);
        }

        // Then: every bar once, in order, none of the abandoned file's
        var rows = LakeRows.Read(dir.Path, BarDataset.Minute, "ABC");
        Assert.Equal(times, rows.Select(r => r.T));
        Assert.All(rows, r => Assert.Equal(1.25, r.Vw));
        Assert.Equal(0, batch.RowCount);
    }

    [Theory]
    [InlineData(7 * 60_000L, 3_000)]
    [InlineData(61_000L, 9_000)]
    [InlineData(3 * 3_600_000L, 7)]
    public async Task AppendAsync_BarsAroundTheClockAcrossDstAndMidnight_EachBarHasItsOwnNewYorkDay(long step, int pageSize)
    {
        // Given: ascending bars at every hour of the day (midnight, the skipped and repeated DST hours), pages of a size
        // that cuts day runs anywhere; each bar's expected day comes from the zone, bar by bar
        using var dir = new TempDirectory();
        var key = new TaskKey("bars_1m", "ABC", new LocalDate(2024, 3, 8), new LocalDate(2024, 11, 5));
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var times = new List<long>();
        for (var t = NewYorkStart(key.WindowStart); t < NewYorkStart(key.WindowEnd.PlusDays(1)); t += step)
        {
            times.Add(t);
        }

        // When
        using (var file = BarPartFile.Create(dir.Path, LakeLayout.RelativePath(BarDataset.Minute, key), key))
        {
            foreach (var chunk in times.Chunk(pageSize))
            {
                await file.AppendAsync(Page(chunk), default);
            }

            await file.CommitAsync(default);
        }

        // Then
        var rows = LakeRows.Read(dir.Path, BarDataset.Minute, "ABC");
        Assert.Equal(times, rows.Select(r => r.T));
        var epoch = new LocalDate(1970, 1, 1);
        var expected = times.Select(t => Period.Between(epoch, Instant.FromUnixTimeMilliseconds(t).InZone(zone).Date, PeriodUnits.Days).Days);
        Assert.Equal(expected, rows.Select(r => r.SessionDay));
    }

    [Fact]
    public void RemoveOrphanTempFiles_RemovesOnlyTempNames()
    {
        using var dir = new TempDirectory();
        var folder = dir.Combine("bars_1d", "ticker=ABC");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ".part-123.tmp"), "x");
        File.WriteAllText(Path.Combine(folder, "part-20200101-20201231.parquet"), "x");

        var removed = LakeCleanup.RemoveOrphanTempFiles(dir.Path, BarDataset.Daily);

        Assert.Equal(1, removed);
        Assert.Equal(["part-20200101-20201231.parquet"], Directory.EnumerateFiles(folder).Select(Path.GetFileName));
    }

    private static long NewYorkStart(LocalDate day) =>
        day.AtStartOfDayInZone(DateTimeZoneProviders.Tzdb["America/New_York"]).ToInstant().ToUnixTimeMilliseconds();

    private static void AddCopy(BarPage target, BarPage source, int i)
    {
        var row = target.Add(source.Time[i], source.Open[i], source.High[i], source.Low[i], source.Close[i], source.Volume[i]);
        if (source.HasVwap[i])
        {
            target.SetVwap(row, source.Vwap[i]);
        }

        if (source.HasTransactions[i])
        {
            target.SetTransactions(row, source.Transactions[i]);
        }

        target.SetOtc(row, source.Otc[i]);
    }
}
