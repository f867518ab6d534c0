namespace SmallCaps.Parquet.Tests.Writing;

public sealed class ColumnBufferBulkAppendTests
{
    private static readonly ParquetSchema Schema = new(
    [
        new ColumnSpec("s", ColumnType.String),
        new ColumnSpec("v", ColumnType.Double, Nullable: true),
        new ColumnSpec("n", ColumnType.Int64),
        new ColumnSpec("b", ColumnType.Boolean),
    ]);

    [Fact]
    public async Task BulkAppends_GrowingPastCapacity_WriteTheSameFileAsOneByOneAppends()
    {
        // Given: the same rows appended one by one and in bulk, past the batches' initial capacity of 16
        var random = new Random(11);
        var rows = 1_000;
        var values = Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray();
        var present = Enumerable.Range(0, rows).Select(_ => random.Next(4) != 0).ToArray();
        var counts = Enumerable.Range(0, rows).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).ToArray();
        var flags = Enumerable.Range(0, rows).Select(_ => random.Next(2) == 0).ToArray();
        var single = new ColumnBatch(Schema, 1);
        var bulk = new ColumnBatch(Schema, 1);
        for (var i = 0; i < rows; i++)
        {
            single.StringColumn(0).Append("ABC"u8);
            if (present[i])
            {
                single.DoubleColumn(1).Append(values[i]);
            }
            else
            {
                single.DoubleColumn(1).AppendNull();
            }

            single.Int64Column(2).Append(counts[i]);
            single.BooleanColumn(3).Append(flags[i]);
        }

        // When: in uneven slices, as a part file stages its pages
        for (var from = 0; from < rows; from += 333)
        {
            var take = Math.Min(333, rows - from);
            bulk.StringColumn(0).AppendRepeated("ABC"u8, take);
            bulk.DoubleColumn(1).Append(values.AsSpan(from, take), present.AsSpan(from, take));
            bulk.Int64Column(2).Append(counts.AsSpan(from, take));
            bulk.BooleanColumn(3).Append(flags.AsSpan(from, take));
        }

        // Then
        Assert.Equal(rows, bulk.RowCount);
        Assert.Equal(present.Count(p => !p), bulk.DoubleColumn(1).NullCount);
        Assert.Equal(await WriteAsync(single), await WriteAsync(bulk));
    }

    [Fact]
    public void Append_NullIntoRequiredColumn_ThrowsAndAppendsNothing()
    {
        var batch = new ColumnBatch(new ParquetSchema([new ColumnSpec("x", ColumnType.Double)]), 4);

        Assert.Throws<InvalidOperationException>(() => batch.DoubleColumn(0).Append([1.0, 2.0], [true, false]));
        Assert.Equal(0, batch.RowCount);
    }

    [Fact]
    public void Append_FlagsOfAnotherLength_Throws()
    {
        var batch = new ColumnBatch(Schema, 4);

        Assert.Throws<ArgumentException>(() => batch.DoubleColumn(1).Append([1.0, 2.0], [true]));
    }

    private static async Task<byte[]> WriteAsync(ColumnBatch batch)
    {
        using var stream = new MemoryStream();
        await using (var writer = ParquetFileWriter.Create(stream, Schema, new ParquetWriterOptions { CreatedBy = "test" }))
        {
            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        return stream.ToArray();
    }
}
