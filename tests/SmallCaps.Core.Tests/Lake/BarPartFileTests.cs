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
}
