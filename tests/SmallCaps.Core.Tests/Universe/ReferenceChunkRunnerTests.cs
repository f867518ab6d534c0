using NodaTime;
using SmallCaps.Core.Api.Reference;
using SmallCaps.Core.Ledger;
using SmallCaps.Core.Universe;
using SmallCaps.Parquet;
using SmallCaps.TestSupport;

namespace SmallCaps.Core.Tests.Universe;

public sealed class ReferenceChunkRunnerTests
{
    private static readonly LocalDate Date = new(2026, 6, 30);

    [Fact]
    public async Task RunAsync_NoMemberHasRows_SettlesEmptyWithoutAFile()
    {
        // Given
        using var dir = new TempDirectory();
        using var output = new StringWriter();
        using var session = ReferenceSession.Open(dir.Path, TimeProvider.System, "test", output);
        var plan = ReferenceChunkPlanner.Plan(session, ReferenceLake.SplitsDataset, Date, ["AAA", "BBB", "CCC"], new HashSet<string>(), chunkSize: 2);

        // When
        var result = await new ReferenceChunkRunner(session, 2, 2, output).RunAsync(plan, ReferenceTables.Splits, (_, _) => Task.FromResult(new MemberAnswer<SplitRecord>([], false)), CancellationToken.None);

        // Then
        Assert.Equal((2, 0, 2, 0), (result.Tasks, result.Done, result.Empty, result.Failed));
        Assert.All(session.Ledger.Tasks("reference/splits"), t => Assert.Equal(TaskState.Empty, t.State));
        Assert.False(Directory.Exists(ReferenceLake.PartitionDirectory(dir.Path, ReferenceLake.SplitsDataset, Date)));
    }

    [Fact]
    public async Task RunAsync_OneMemberUnknownAndOneFailing_CountsThe404AndFailsOnlyItsChunk()
    {
        // Given: chunks of two; BBB is unknown to the vendor (404), DDD's request breaks
        using var dir = new TempDirectory();
        using var output = new StringWriter();
        using var session = ReferenceSession.Open(dir.Path, TimeProvider.System, "test", output);
        var plan = ReferenceChunkPlanner.Plan(session, ReferenceLake.SplitsDataset, Date, ["AAA", "BBB", "CCC", "DDD"], new HashSet<string>(), chunkSize: 2);
        Task<MemberAnswer<SplitRecord>> Fetch(string ticker, CancellationToken ct) => ticker switch
        {
            "BBB" => Task.FromResult(new MemberAnswer<SplitRecord>([], true)),
            "DDD" => throw new IOException("connection reset"),
            _ => Task.FromResult(new MemberAnswer<SplitRecord>([new SplitRecord(ticker, "2020-01-02", 1, 2, ticker + "-1")], false)),
        };

        // When
        var result = await new ReferenceChunkRunner(session, 1, 2, output).RunAsync(plan, ReferenceTables.Splits, Fetch, CancellationToken.None);

        // Then
        Assert.Equal((1, 1, 1L, 1), (result.Done, result.Failed, result.Rows, result.MembersNotFound));
        var tasks = session.Ledger.Tasks("reference/splits");
        var done = Assert.Single(tasks, t => t.State == TaskState.Done);
        Assert.Equal("reference/splits/snapshot_date=2026-06-30/part-00000.parquet", done.FilePath);
        using (var reader = ParquetFileReader.Open(Path.Combine(dir.Path, done.FilePath!)))
        {
            Assert.Equal(1, reader.RowCount);
        }

        var failed = Assert.Single(tasks, t => t.State == TaskState.Failed);
        Assert.Equal(("part-00001", 1, "IOException: connection reset"), (failed.Key.Ticker, failed.Attempts, failed.LastError));
        Assert.Equal(["CCC", "DDD"], session.Ledger.Members("reference/splits")[failed.Id]);
    }

    [Fact]
    public void Plan_FilesOfAnEarlierVersionInThePartition_NumbersNewChunksAfterThem()
    {
        // Given: numbered detail files an earlier version wrote, no ledger task
        using var dir = new TempDirectory();
        using var output = new StringWriter();
        using var session = ReferenceSession.Open(dir.Path, TimeProvider.System, "test", output);
        var partition = ReferenceLake.PartitionDirectory(dir.Path, ReferenceLake.DetailsDataset, Date);
        Directory.CreateDirectory(partition);
        File.WriteAllText(Path.Combine(partition, "part-00003.parquet"), "");

        // When
        var plan = ReferenceChunkPlanner.Plan(session, ReferenceLake.DetailsDataset, Date, ["A|2026-06-30", "B|2026-06-30"], new HashSet<string>(["A|2026-06-30"]), chunkSize: 10);

        // Then: the covered member is not asked, the file is not overwritten
        var chunk = Assert.Single(plan.ToRun);
        Assert.Equal("part-00004", chunk.Label);
        Assert.Equal(["B|2026-06-30"], chunk.Members);
    }
}
