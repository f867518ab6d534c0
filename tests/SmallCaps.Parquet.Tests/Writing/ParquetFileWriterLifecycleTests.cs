using SmallCaps.Parquet.Format;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Writing;

public sealed class ParquetFileWriterLifecycleTests
{
    private static readonly ParquetSchema Schema = new([
        ColumnSpec.String("ticker"),
        new ColumnSpec("close", ColumnType.Double, Nullable: true),
    ]);

    private static ColumnBatch TwoRows()
    {
        var batch = new ColumnBatch(Schema);
        batch.StringColumn(0).Append("AAPL");
        batch.StringColumn(0).Append("MSFT");
        batch.DoubleColumn(1).Append(1.5);
        batch.DoubleColumn(1).AppendNull();
        return batch;
    }

    [Fact]
    public async Task CreateFile_DisposedWithoutComplete_LeavesNoFileAndNoTemp()
    {
        // Given
        using var dir = new TempDirectory("pq-abort");
        var path = dir.Combine("bars.parquet");
        var writer = ParquetFileWriter.CreateFile(path, Schema, new ParquetWriterOptions { RowGroupRows = 1 });
        await writer.WriteAsync(TwoRows());

        // When
        await writer.DisposeAsync();

        // Then
        Assert.Equal(ParquetWriterState.Aborted, writer.State);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task CreateFile_AbortOverExistingFile_KeepsOldFile()
    {
        // Given
        using var dir = new TempDirectory("pq-abort");
        var path = dir.Combine("bars.parquet");
        await File.WriteAllTextAsync(path, "old");

        // When
        using (var writer = ParquetFileWriter.CreateFile(path, Schema))
        {
            await writer.WriteAsync(TwoRows());
        }

        // Then
        Assert.Equal("old", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task CreateFile_Complete_ReplacesFinalFileAndRemovesTemp()
    {
        // Given
        using var dir = new TempDirectory("pq-complete");
        var path = dir.Combine("bars.parquet");
        await File.WriteAllTextAsync(path, "old");

        // When
        await using (var writer = ParquetFileWriter.CreateFile(path, Schema))
        {
            await writer.WriteAsync(TwoRows());
            await writer.CompleteAsync();
            Assert.Equal(ParquetWriterState.Completed, writer.State);
        }

        // Then
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("PAR1"u8.ToArray(), bytes[..4]);
        Assert.Equal("PAR1"u8.ToArray(), bytes[^4..]);
        Assert.Equal(2, FileMetaData.ReadFromTail(bytes).NumRows);
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task Create_StreamDisposedWithoutComplete_HasNoFooter()
    {
        // Given: a full row group has already gone to the stream
        using var stream = new MemoryStream();
        var writer = ParquetFileWriter.Create(stream, Schema, new ParquetWriterOptions { RowGroupRows = 2 });
        await writer.WriteAsync(TwoRows());

        // When
        writer.Dispose();

        // Then
        var bytes = stream.ToArray();
        Assert.True(bytes.Length > 4);
        Assert.NotEqual("PAR1"u8.ToArray(), bytes[^4..]);
        Assert.Throws<ParquetFormatException>(() => FileMetaData.ReadFromTail(bytes));
        Assert.Equal(ParquetWriterState.Aborted, writer.State);
    }

    [Fact]
    public async Task WriteAsync_MismatchedRowCounts_ThrowsNamingColumnsAndStaysOpen()
    {
        // Given
        using var stream = new MemoryStream();
        await using var writer = ParquetFileWriter.Create(stream, Schema);
        var batch = TwoRows();
        batch.StringColumn(0).Append("TSLA");

        // When
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await writer.WriteAsync(batch));

        // Then
        Assert.Contains("'close'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'ticker'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ParquetWriterState.Open, writer.State);
        Assert.Equal(0, writer.RowsWritten);
    }

    [Fact]
    public void AppendNull_RequiredColumn_Throws()
    {
        var batch = new ColumnBatch(Schema);
        var ex = Assert.Throws<InvalidOperationException>(() => batch.StringColumn(0).AppendNull());
        Assert.Contains("REQUIRED", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => batch.StringColumn(0).Append((string?)null));
    }

    [Fact]
    public void ColumnAccessor_WrongType_Throws()
    {
        var batch = new ColumnBatch(Schema);
        Assert.Throws<InvalidOperationException>(() => batch.Int64Column(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.DoubleColumn(2));
    }

    [Fact]
    public async Task WriteAsync_BatchOfOtherSchemaOrAfterComplete_Throws()
    {
        using var stream = new MemoryStream();
        await using var writer = ParquetFileWriter.Create(stream, Schema);
        var other = new ColumnBatch(new ParquetSchema([new ColumnSpec("x", ColumnType.Int32)]));
        await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteAsync(other));
        await writer.CompleteAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await writer.WriteAsync(TwoRows()));
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        var options = new ParquetWriterOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.RowGroupRows = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.PageRows = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.PageBytes = 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.DictionaryPageLimitBytes = -1);
        Assert.Matches(@"^smallcaps version \d+\.\d+\.\d+.* \(build [^)]+\)$", options.CreatedBy);
    }
}
