namespace SmallCaps.Parquet.Tests.Writing;

/// <summary>REQUIRED string dictionary columns: runs of one ticker, then a dictionary that outgrows its limit mid-page.</summary>
public sealed class StringDictionaryRunTests
{
    [Fact]
    public async Task WriteAsync_TickerRunsThenDistinctValuesPastLimit_RoundTripsWithDictionaryThenPlain()
    {
        // Given 3,000 rows of one ticker, runs of tickers of 1 to 9 bytes, then distinct ids that push the dictionary past 1 KiB
        var schema = new ParquetSchema([ColumnSpec.String("ticker")]);
        var options = new ParquetWriterOptions { RowGroupRows = 100_000, PageRows = 1_000, DictionaryPageLimitBytes = 1024 };
        var values = Enumerable.Repeat("GME", 3_000)
            .Concat(Enumerable.Range(0, 2_000).Select(i => new string((char)('A' + (i / 100 % 26)), 1 + (i / 100 % 9))))
            .Concat(Enumerable.Range(0, 2_000).Select(i => $"id-{i:D6}"))
            .ToArray();
        var batch = new ColumnBatch(schema);
        foreach (var v in values)
        {
            batch.StringColumn(0).Append(v);
        }

        // When
        var stream = new MemoryStream();
        await using (var writer = ParquetFileWriter.Create(stream, schema, options))
        {
            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        // Then
        stream.Position = 0;
        using var reader = ParquetFileReader.Open(stream, "ticker.parquet");
        var chunk = reader.RowGroups[0].Columns[0];
        Assert.Contains("RLE_DICTIONARY", chunk.Encodings);
        Assert.Contains("PLAIN", chunk.Encodings);
        Assert.Equal(values, reader.ReadColumn("ticker").BinaryValues!.Select(b => System.Text.Encoding.UTF8.GetString(b)));
        Assert.Equal("A"u8.ToArray(), chunk.Statistics!.RawMin);
        Assert.Equal("id-001999"u8.ToArray(), chunk.Statistics.RawMax);
    }

    [Theory]
    [InlineData(1_000, 17)]
    [InlineData(100, 1)]
    [InlineData(64, 3)]
    public async Task WriteAsync_LongRunsBrokenAtRandomRows_RoundTripsEveryValue(int pageRows, int seed)
    {
        // Given runs of one ticker (the bulk path) broken at random rows by other tickers, empty strings and a same-length
        // lookalike, written in uneven batches so runs straddle batches and pages
        var rng = new Random(seed);
        string[] others = ["GMF", "", "AMC", "GME ", "G"];
        var values = Enumerable.Range(0, 6_000).Select(i => i % 1500 < 900 || rng.Next(50) != 0 ? (i / 2000 == 1 ? "" : "GME") : others[rng.Next(others.Length)]).ToArray();
        var schema = new ParquetSchema([ColumnSpec.String("ticker")]);
        var options = new ParquetWriterOptions { RowGroupRows = 2_500, PageRows = pageRows };
        var stream = new MemoryStream();
        await using (var writer = ParquetFileWriter.Create(stream, schema, options))
        {
            var batch = new ColumnBatch(schema);
            for (var from = 0; from < values.Length;)
            {
                var count = Math.Min(values.Length - from, rng.Next(1, 1_500));
                batch.Clear();
                foreach (var v in values.AsSpan(from, count))
                {
                    batch.StringColumn(0).Append(v);
                }

                // When
                await writer.WriteAsync(batch);
                from += count;
            }

            await writer.CompleteAsync();
        }

        // Then
        stream.Position = 0;
        using var reader = ParquetFileReader.Open(stream, "ticker.parquet");
        Assert.Equal(values, reader.ReadColumn("ticker").BinaryValues!.Select(b => System.Text.Encoding.UTF8.GetString(b)));
        Assert.All(reader.RowGroups, g => Assert.Equal(["RLE_DICTIONARY"], g.Columns[0].Encodings.Where(e => e != "PLAIN")));
    }
}
