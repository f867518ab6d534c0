using System.Globalization;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Writing;

/// <summary>
/// Fixed-width pages encoded straight from the batch when an append brings a page's worth at a page boundary, against
/// the copying path (rows appended one at a time, every page assembled in the writer's own arrays).
/// </summary>
public sealed class FixedWidthDirectPageTests
{
    private const int PageRows = 64;

    private static readonly ParquetSchema Schema = new(
    [
        new ColumnSpec("price", ColumnType.Double, Dictionary: true),
        new ColumnSpec("vw", ColumnType.Double, Nullable: true, Dictionary: true),
        new ColumnSpec("plain", ColumnType.Double, Nullable: true),
        new ColumnSpec("split", ColumnType.Double, Nullable: true, Encoding: ColumnEncoding.ByteStreamSplit),
        ColumnSpec.Timestamp("t", TimeUnit.Millis, ColumnEncoding.DeltaBinaryPacked),
        new ColumnSpec("n", ColumnType.Int64, Nullable: true, Dictionary: true),
        new ColumnSpec("day", ColumnType.Date, Nullable: true, Encoding: ColumnEncoding.DeltaBinaryPacked),
        new ColumnSpec("i", ColumnType.Int32, Nullable: true),
    ]);

    // 30 doubles: the price dictionary overflows mid-chunk once new prices start.
    private static readonly ParquetWriterOptions Options = new() { RowGroupRows = 640, PageRows = PageRows, DictionaryPageLimitBytes = 240, CreatedBy = "test" };

    [Fact]
    public async Task WriteAsync_PageSizedAppendsAtPageBoundaries_ByteIdenticalToRowByRowAppends()
    {
        // Given 30 pages of rows with nulls, all-null pages, NaNs and a dictionary that falls back to PLAIN mid-chunk
        var table = Table(PageRows * 30);

        // When: whole pages (encoded from the batch) and single rows (copied into the writer's pages)
        var direct = await WriteAsync(table, Enumerable.Repeat(PageRows, 30));
        var copied = await WriteAsync(table, Enumerable.Repeat(1, PageRows * 30));

        // Then
        Assert.Equal(copied, direct);
    }

    [Fact]
    public async Task WriteAsync_OddSliceSizes_ValuesAndStatisticsMatchRowByRowFile()
    {
        // Given slices of 1 to 200 rows: some below the direct minimum, some several pages long, tails topped up
        var rng = new Random(8);
        var rows = 3_001;
        var table = Table(rows);
        var slices = new List<int>();
        for (var left = rows; left > 0;)
        {
            var take = Math.Min(left, rng.Next(4) == 0 ? rng.Next(1, 20) : rng.Next(1, 200));
            slices.Add(take);
            left -= take;
        }

        // When
        var odd = await WriteAsync(table, slices);
        var copied = await WriteAsync(table, Enumerable.Repeat(1, rows));

        // Then: every value (bit for bit) and every chunk's statistics agree with the copying path
        using var oddReader = ParquetFileReader.Open(new MemoryStream(odd), "odd");
        using var copiedReader = ParquetFileReader.Open(new MemoryStream(copied), "copied");
        Assert.Equal(rows, oddReader.RowCount);
        for (var c = 0; c < Schema.Columns.Count; c++)
        {
            Assert.Equal(Values(copiedReader, c), Values(oddReader, c));
            for (var g = 0; g < copiedReader.RowGroups.Count; g++)
            {
                var expected = copiedReader.RowGroups[g].Columns[c].Statistics!;
                var actual = oddReader.RowGroups[g].Columns[c].Statistics!;
                Assert.Equal(expected.NullCount, actual.NullCount);
                Assert.Equal(expected.NanCount, actual.NanCount);
                Assert.Equal(expected.Min, actual.Min);
                Assert.Equal(expected.Max, actual.Max);
            }
        }
    }

    [Fact]
    public async Task WriteAsync_OddSliceSizes_DuckDbReadsTheSameRowsAsRowByRowFile()
    {
        // Given the same table written in odd slices and row by row
        using var dir = new TempDirectory("pq-direct-pages");
        var rows = 2_500;
        var table = Table(rows);
        var slices = Enumerable.Range(0, 1_000).Select(i => (i * 37 % 150) + 1).ToList();
        var odd = dir.Combine("odd.parquet");
        var copied = dir.Combine("copied.parquet");
        await File.WriteAllBytesAsync(odd, await WriteAsync(table, slices, rows));
        await File.WriteAllBytesAsync(copied, await WriteAsync(table, Enumerable.Repeat(1, rows)));

        // When
        var results = await DuckDbBatch.RunAsync(
        [
            $"SELECT count(*) FROM (SELECT * FROM read_parquet('{odd}') EXCEPT ALL SELECT * FROM read_parquet('{copied}'))",
            $"SELECT count(*) FROM (SELECT * FROM read_parquet('{copied}') EXCEPT ALL SELECT * FROM read_parquet('{odd}'))",
            $"SELECT count(*), count(vw), count(plain) FROM read_parquet('{odd}')",
        ], dir.Path);

        // Then
        Assert.Equal(0, Count(results[0][0][0]));
        Assert.Equal(0, Count(results[1][0][0]));
        Assert.Equal(rows, Count(results[2][0][0]));
        Assert.Equal(table[1].Count(v => v is not null), Count(results[2][0][1]));
        Assert.Equal(table[2].Count(v => v is not null), Count(results[2][0][2]));
    }

    private static long Count(System.Text.Json.JsonElement value) =>
        value.ValueKind == System.Text.Json.JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64();

    /// <summary>Per column, per row: the value as double bits or long, null for null rows.</summary>
    private static object?[][] Table(int rows)
    {
        var rng = new Random(rows);
        var table = Schema.Columns.Select(_ => new object?[rows]).ToArray();
        for (var r = 0; r < rows; r++)
        {
            var page = r / PageRows;
            var allNull = page % 7 == 3;
            table[0][r] = r < 400 ? 5 + (r % 20 / 100.0) : r % 31 == 0 ? double.NaN : Math.Round(2 + rng.NextDouble(), 4);
            table[1][r] = allNull || r % 11 == 0 ? null : Math.Round(3 + (rng.NextDouble() * 0.01), 4);
            table[2][r] = allNull || r % 5 == 0 ? null : r % 13 == 0 ? -0.0 : rng.NextDouble() * 1000;
            table[3][r] = allNull ? null : Math.Round(rng.NextDouble() * 1e6);
            table[4][r] = 1_700_000_000_000L + (r * 60_000L) + (r % 50 == 0 ? 3_600_000L * r : 0);
            table[5][r] = allNull || r % 9 == 0 ? null : (long)rng.Next(0, 40);
            table[6][r] = r % 17 == 0 ? null : 19_000 + (r / 390);
            table[7][r] = allNull ? null : rng.Next(-5, 5);
        }

        return table;
    }

    private static async Task<byte[]> WriteAsync(object?[][] table, IEnumerable<int> slices, int? rowLimit = null)
    {
        var rows = rowLimit ?? table[0].Length;
        var batch = new ColumnBatch(Schema, 16);
        var stream = new MemoryStream();
        await using (var writer = ParquetFileWriter.Create(stream, Schema, Options))
        {
            var from = 0;
            foreach (var slice in slices)
            {
                var count = Math.Min(slice, rows - from);
                if (count <= 0)
                {
                    break;
                }

                batch.Clear();
                for (var c = 0; c < Schema.Columns.Count; c++)
                {
                    Fill(batch, c, table[c].AsSpan(from, count));
                }

                await writer.WriteAsync(batch);
                from += count;
            }

            Assert.Equal(rows, from);
            await writer.CompleteAsync();
        }

        return stream.ToArray();
    }

    private static void Fill(ColumnBatch batch, int column, ReadOnlySpan<object?> values)
    {
        var type = Schema.Columns[column].Type;
        foreach (var value in values)
        {
            switch (type)
            {
                case ColumnType.Double when value is double d:
                    batch.DoubleColumn(column).Append(d);
                    break;
                case ColumnType.Double:
                    batch.DoubleColumn(column).AppendNull();
                    break;
                case ColumnType.Int64 or ColumnType.Timestamp when value is long l:
                    batch.Int64Column(column).Append(l);
                    break;
                case ColumnType.Int64 or ColumnType.Timestamp:
                    batch.Int64Column(column).AppendNull();
                    break;
                case ColumnType.Int32 or ColumnType.Date when value is int i:
                    batch.Int32Column(column).Append(i);
                    break;
                default:
                    batch.Int32Column(column).AppendNull();
                    break;
            }
        }
    }

    private static object?[] Values(ParquetFileReader reader, int column)
    {
        var data = reader.ReadColumn(Schema.Columns[column].Name);
        return [.. Enumerable.Range(0, data.ValueCount).Select(i => data.IsNull(i) ? null : (object?)(
            data.DoubleValues is { } d ? BitConverter.DoubleToInt64Bits(d[i]) : data.Int64Values is { } l ? l[i] : data.Int32Values![i]))];
    }
}
