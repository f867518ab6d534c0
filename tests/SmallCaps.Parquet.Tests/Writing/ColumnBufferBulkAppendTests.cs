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

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8192)]
    [InlineData(10_001)]
    public void AppendRepeated_AnyCount_EveryRowHoldsTheValue(int count)
    {
        // Given an empty buffer with room for 16 rows
        var batch = new ColumnBatch(new ParquetSchema([new ColumnSpec("s", ColumnType.String, Dictionary: true)]), 16);
        var column = batch.StringColumn(0);

        // When
        column.AppendRepeated("BRK.A"u8, count);

        // Then
        Assert.Equal(count, column.Count);
        Assert.True(column.IsUniform);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal("BRK.A"u8.ToArray(), column.Data.AsSpan(column.Offsets[i], column.Offsets[i + 1] - column.Offsets[i]).ToArray());
        }
    }

    [Fact]
    public async Task AppendRepeated_ThenOtherValuesOrSecondRun_UniformOnlyForOneValueAndFileMatchesRowByRow()
    {
        // Given dictionary string columns: a run then a different value, a run then a second run of another value, a run
        // alone, and one value in two slices (a page boundary inside a batch)
        var schema = new ParquetSchema([new ColumnSpec("s", ColumnType.String, Dictionary: true)]);
        var options = new ParquetWriterOptions { PageRows = 100, CreatedBy = "test" };
        var mixed = new ColumnBatch(schema, 16);
        mixed.StringColumn(0).AppendRepeated("AAA"u8, 150);
        mixed.StringColumn(0).Append("BB"u8);
        var twoRuns = new ColumnBatch(schema, 16);
        twoRuns.StringColumn(0).AppendRepeated("AAA"u8, 150);
        twoRuns.StringColumn(0).AppendRepeated("AAB"u8, 150);
        var oneRun = new ColumnBatch(schema, 16);
        oneRun.StringColumn(0).AppendRepeated("AAA"u8, 300);
        var twoSlices = new ColumnBatch(schema, 16);
        twoSlices.StringColumn(0).AppendRepeated("AAA"u8, 150);
        twoSlices.StringColumn(0).AppendRepeated("AAA"u8, 150);

        // When / Then: the flag holds for one value only, and every file equals its row-by-row twin
        Assert.False(mixed.StringColumn(0).IsUniform);
        Assert.False(twoRuns.StringColumn(0).IsUniform);
        Assert.True(oneRun.StringColumn(0).IsUniform);
        Assert.True(twoSlices.StringColumn(0).IsUniform);
        foreach (var (batch, rows) in new[] { (mixed, Enumerable.Repeat("AAA", 150).Append("BB")), (twoRuns, Enumerable.Repeat("AAA", 150).Concat(Enumerable.Repeat("AAB", 150))), (oneRun, Enumerable.Repeat("AAA", 300)), (twoSlices, Enumerable.Repeat("AAA", 300)) })
        {
            var single = new ColumnBatch(schema, 16);
            foreach (var row in rows)
            {
                single.StringColumn(0).Append(row);
            }

            Assert.Equal(await WriteAsync(single, schema, options), await WriteAsync(batch, schema, options));
        }
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

    private static Task<byte[]> WriteAsync(ColumnBatch batch) => WriteAsync(batch, Schema, new ParquetWriterOptions { CreatedBy = "test" });

    private static async Task<byte[]> WriteAsync(ColumnBatch batch, ParquetSchema schema, ParquetWriterOptions options)
    {
        using var stream = new MemoryStream();
        await using (var writer = ParquetFileWriter.Create(stream, schema, options))
        {
            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        return stream.ToArray();
    }
}
