namespace SmallCaps.Parquet.Tests.Writing;

/// <summary>Encoder memory reused across files must never show in the bytes: every file equals a fresh writer's.</summary>
public sealed class ParquetWriteBuffersTests
{
    private static readonly ParquetSchema Bars = new(
    [
        ColumnSpec.String("ticker"),
        ColumnSpec.Timestamp("t", TimeUnit.Millis),
        new ColumnSpec("session_date", ColumnType.Date),
        new ColumnSpec("o", ColumnType.Double, Dictionary: true),
        new ColumnSpec("v", ColumnType.Double, Dictionary: true),
        new ColumnSpec("vw", ColumnType.Double, Nullable: true, Dictionary: true),
        new ColumnSpec("n", ColumnType.Int64, Nullable: true, Dictionary: true),
        new ColumnSpec("otc", ColumnType.Boolean),
    ]);

    private static readonly ParquetSchema Mixed = new(
    [
        ColumnSpec.String("exchange", nullable: true),
        ColumnSpec.String("note", nullable: true, dictionary: false),
        new ColumnSpec("size", ColumnType.Int32, Nullable: true, Dictionary: true),
        new ColumnSpec("halted", ColumnType.Boolean, Nullable: true),
        new ColumnSpec("conditions", ColumnType.Int32List, Nullable: true),
        ColumnSpec.Timestamp("sip", TimeUnit.Nanos),
    ]);

    private static ParquetWriterOptions BarOptions() => new() { RowGroupRows = 4_000, PageRows = 1_000, DictionaryPageLimitBytes = 2_048, CreatedBy = "smallcaps version 0.0.0 (build test)" };

    private static ParquetWriterOptions MixedOptions() => new() { RowGroupRows = 2_500, PageRows = 700, PageBytes = 4_096, CreatedBy = "smallcaps version 0.0.0 (build test)" };

    [Fact]
    public async Task Create_FilesOfSeveralShapesThroughOneBufferSet_EachByteIdenticalToFreshWriter()
    {
        // Given one buffer set and a sequence of files of different schemas, options, sizes and codecs, two aborted mid-way
        using var buffers = new ParquetWriteBuffers();
        var noCompression = BarOptions();
        noCompression.Compression = ParquetCompression.None;
        var smallPages = BarOptions();
        smallPages.PageRows = 300;
        (ParquetSchema Schema, ParquetWriterOptions Options, int Rows, int Seed, bool Abort)[] files =
        [
            (Bars, BarOptions(), 9_500, 1, false),
            (Mixed, MixedOptions(), 6_000, 2, false),
            (Bars, BarOptions(), 7_000, 3, true),
            (Bars, BarOptions(), 12_345, 4, false),
            (Bars, noCompression, 5_000, 5, false),
            (Mixed, MixedOptions(), 3_000, 6, true),
            (Mixed, MixedOptions(), 4_321, 7, false),
            (Bars, smallPages, 2_000, 8, false),
            (Bars, BarOptions(), 1, 9, false),
            (Bars, BarOptions(), 8_000, 10, false),
        ];

        foreach (var file in files)
        {
            // When
            var reused = await WriteAsync(file.Schema, file.Options, file.Rows, file.Seed, buffers, file.Abort);
            if (file.Abort)
            {
                continue;
            }

            var fresh = await WriteAsync(file.Schema, file.Options, file.Rows, file.Seed, null, abort: false);

            // Then
            Assert.True(fresh.AsSpan().SequenceEqual(reused), $"file with seed {file.Seed} differs from a fresh writer's ({reused.Length} vs {fresh.Length} bytes)");
        }

        Assert.True(buffers.RetainedBytes > 0);
    }

    [Fact]
    public async Task Create_WhileAnotherWriterHoldsTheBuffers_Throws()
    {
        // Given
        using var buffers = new ParquetWriteBuffers();
        using var first = ParquetFileWriter.Create(new MemoryStream(), Bars, BarOptions(), buffers);

        // When / Then
        Assert.Throws<InvalidOperationException>(() => ParquetFileWriter.Create(new MemoryStream(), Bars, BarOptions(), buffers));
        await first.CompleteAsync();
        using var second = ParquetFileWriter.Create(new MemoryStream(), Bars, BarOptions(), buffers);
        Assert.Equal(ParquetWriterState.Open, second.State);
    }

    [Fact]
    public async Task Create_AfterWriterFaultedMidFile_NextFileByteIdenticalToFreshWriter()
    {
        // Given a writer whose stream fails during the first row group flush
        using var buffers = new ParquetWriteBuffers();
        var batch = new ColumnBatch(Bars);
        ShapedTable.Fill(batch, 6_000, new Random(11));
        using (var faulted = ParquetFileWriter.Create(new FailingStream(), Bars, BarOptions(), buffers))
        {
            await Assert.ThrowsAsync<IOException>(async () => await faulted.WriteAsync(batch));
            Assert.Equal(ParquetWriterState.Faulted, faulted.State);
        }

        // When
        var reused = await WriteAsync(Bars, BarOptions(), 6_000, 12, buffers, abort: false);

        // Then
        Assert.Equal(await WriteAsync(Bars, BarOptions(), 6_000, 12, null, abort: false), reused);
    }

    [Fact]
    public async Task Return_MoreShapesThanTheBound_KeepsAtMostMaxSchemas()
    {
        // Given six shapes (page sizes differ, so their encoders differ)
        using var buffers = new ParquetWriteBuffers();

        // When
        for (var shape = 0; shape < 6; shape++)
        {
            var options = BarOptions();
            options.PageRows = 200 + shape;
            await WriteAsync(Bars, options, 1_000, shape, buffers, abort: false);
        }

        // Then
        Assert.Equal(ParquetWriteBuffers.MaxSchemas, buffers.IdleShapes);
    }

    [Fact]
    public async Task Return_SetLargerThanMaxRetainedBytes_IsReleasedAndFilesStayIdentical()
    {
        // Given a budget too small for any encoder set
        using var buffers = new ParquetWriteBuffers(maxRetainedBytes: 1024);

        // When
        var first = await WriteAsync(Bars, BarOptions(), 3_000, 21, buffers, abort: false);
        var second = await WriteAsync(Bars, BarOptions(), 3_000, 21, buffers, abort: false);

        // Then
        Assert.Equal(0, buffers.RetainedBytes);
        Assert.Equal(0, buffers.IdleShapes);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task CreateFile_WithBuffers_PublishesSameBytesAsWithout()
    {
        // Given
        using var dir = new SmallCaps.TestSupport.TempDirectory("pq-buffers");
        using var buffers = new ParquetWriteBuffers();
        var batch = new ColumnBatch(Mixed);

        // When
        foreach (var (name, withBuffers) in new[] { ("a.parquet", true), ("b.parquet", false), ("c.parquet", true) })
        {
            ShapedTable.Fill(batch, 3_000, new Random(31));
            await using var writer = withBuffers
                ? ParquetFileWriter.CreateFile(dir.Combine(name), Mixed, MixedOptions(), buffers)
                : ParquetFileWriter.CreateFile(dir.Combine(name), Mixed, MixedOptions());
            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        // Then
        var expected = await File.ReadAllBytesAsync(dir.Combine("b.parquet"));
        Assert.Equal(expected, await File.ReadAllBytesAsync(dir.Combine("a.parquet")));
        Assert.Equal(expected, await File.ReadAllBytesAsync(dir.Combine("c.parquet")));
        Assert.Equal(3, Directory.GetFiles(dir.Path).Length);
    }

    [Fact]
    public void Create_AfterBuffersDisposed_ThrowsObjectDisposed()
    {
        // Given
        var buffers = new ParquetWriteBuffers();
        buffers.Dispose();

        // When / Then
        Assert.Throws<ObjectDisposedException>(() => ParquetFileWriter.Create(new MemoryStream(), Bars, BarOptions(), buffers));
    }

    /// <summary>Writes seeded rows in 1,500-row batches; with <paramref name="abort"/> disposes after about half without completing.</summary>
    private static async Task<byte[]> WriteAsync(ParquetSchema schema, ParquetWriterOptions options, int rows, int seed, ParquetWriteBuffers? buffers, bool abort)
    {
        var rng = new Random(seed);
        var batch = new ColumnBatch(schema, 512);
        using var stream = new MemoryStream();
        await using (var writer = buffers is null ? ParquetFileWriter.Create(stream, schema, options) : ParquetFileWriter.Create(stream, schema, options, buffers))
        {
            for (var written = 0; written < rows; written += 1_500)
            {
                if (abort && written > rows / 2)
                {
                    return [];
                }

                ShapedTable.Fill(batch, Math.Min(1_500, rows - written), rng);
                await writer.WriteAsync(batch);
            }

            await writer.CompleteAsync();
        }

        return stream.ToArray();
    }

    /// <summary>Accepts the magic bytes, then fails every write like a full disk.</summary>
    private sealed class FailingStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length >= 4)
            {
                throw new IOException("disk full");
            }

            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }
    }
}
