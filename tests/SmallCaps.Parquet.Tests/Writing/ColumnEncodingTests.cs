using System.Globalization;
using System.Text.Json;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Writing;

/// <summary>DELTA_BINARY_PACKED and BYTE_STREAM_SPLIT columns: our reader and DuckDB read back exactly what was written.</summary>
public sealed class ColumnEncodingTests
{
    private static readonly ParquetSchema Schema = new(
    [
        ColumnSpec.Timestamp("t", TimeUnit.Millis, ColumnEncoding.DeltaBinaryPacked),
        ColumnSpec.Timestamp("t_us", TimeUnit.Micros, ColumnEncoding.DeltaBinaryPacked, nullable: true),
        new ColumnSpec("d", ColumnType.Date, Nullable: true, Encoding: ColumnEncoding.DeltaBinaryPacked),
        new ColumnSpec("i32", ColumnType.Int32, Encoding: ColumnEncoding.DeltaBinaryPacked),
        new ColumnSpec("n64", ColumnType.Int64, Nullable: true, Encoding: ColumnEncoding.DeltaBinaryPacked),
        new ColumnSpec("v", ColumnType.Double, Encoding: ColumnEncoding.ByteStreamSplit),
        new ColumnSpec("vn", ColumnType.Double, Nullable: true, Encoding: ColumnEncoding.ByteStreamSplit),
        new ColumnSpec("vw", ColumnType.Double, Nullable: true, Dictionary: true, Encoding: ColumnEncoding.ByteStreamSplit),
    ]);

    // 50 doubles: vw's dictionary (a pool of 3 prices for 150 rows, then new prices) overflows early in a chunk.
    private const int DictionaryLimit = 400;

    public static TheoryData<string> ConfigNames() => [.. Configs.Select(c => c.Name)];

    private static readonly Config[] Configs =
    [
        new("empty", 0, ParquetCompression.Snappy, 1000, 100),
        new("one-row", 1, ParquetCompression.None, 1000, 100),
        new("many-groups-snappy", 5000, ParquetCompression.Snappy, 2000, 300),
        new("gzip-big-pages", 3000, ParquetCompression.Gzip, 100_000, 1000),
        new("tiny-pages", 1000, ParquetCompression.None, 500, 7),
        new("nullable-all-null", 40, ParquetCompression.Snappy, 30, 6, AllNull: true),
    ];

    [Theory]
    [MemberData(nameof(ConfigNames))]
    public async Task ReadColumn_DeltaAndSplitColumns_OurReaderRestoresEveryValue(string name)
    {
        // Given
        var config = Configs.Single(c => c.Name == name);
        using var dir = new TempDirectory("pq-encodings");
        var path = dir.Combine(name + ".parquet");
        var table = Table(config.Rows, seed: config.Rows + 1, config.AllNull);
        await WriteAsync(path, table, config);

        // When
        using var reader = ParquetFileReader.Open(path);

        // Then: values, the specs read back (encodings included), chunk encodings and bounds
        Assert.Equal(config.Rows, reader.RowCount);
        for (var c = 0; c < Schema.Columns.Count; c++)
        {
            var data = reader.ReadColumn(Schema.Columns[c].Name);
            var actual = Enumerable.Range(0, data.ValueCount).Select(i => data.IsNull(i) ? null : Value(data, Schema.Columns[c].Type, i)).ToArray();
            Assert.Equal(table[c].Select(Bits), actual.Select(Bits));
        }

        if (config.Rows == 0)
        {
            return;
        }

        Assert.Equal(Schema.Columns.Take(7), reader.Columns.Take(7).Select(c => c.Spec));
        var first = reader.RowGroups[0];
        var groupRows = (int)first.RowCount;
        Assert.All(first.Columns.Take(5), chunk => Assert.Contains("DELTA_BINARY_PACKED", chunk.Encodings));
        Assert.All(first.Columns.Skip(5).Take(2), chunk => Assert.Contains("BYTE_STREAM_SPLIT", chunk.Encodings));
        Assert.All(first.Columns.Take(7), chunk => Assert.DoesNotContain("RLE_DICTIONARY", chunk.Encodings));
        if (groupRows > 200 && config.PageRows < 200)
        {
            // vw: dictionary pages first, BYTE_STREAM_SPLIT (not PLAIN) once the dictionary passed its limit; read back as such.
            Assert.Equal(["PLAIN", "RLE", "RLE_DICTIONARY", "BYTE_STREAM_SPLIT"], first.Columns[7].Encodings);
            Assert.Equal(Schema.Columns[7], reader.Columns[7].Spec);
        }

        var t = first.Columns[0].Statistics!;
        Assert.Equal(table[0].Take(groupRows).Min(), t.Min);
        Assert.Equal(table[0].Take(groupRows).Max(), t.Max);
        var n64 = first.Columns[4].Statistics!;
        Assert.Equal(table[4].Take(groupRows).Count(v => v is null), n64.NullCount);
    }

    [Fact]
    public async Task WriteAsync_DeltaAndSplitColumns_DuckDbReadsExactValues()
    {
        // Given every configuration written to its own file
        using var dir = new TempDirectory("pq-encodings-duckdb");
        var files = new List<(Config Config, object?[][] Table, string Path)>();
        foreach (var config in Configs)
        {
            var path = dir.Combine(config.Name + ".parquet");
            var table = Table(config.Rows, seed: config.Rows + 7, config.AllNull);
            await WriteAsync(path, table, config);
            files.Add((config, table, path));
        }

        // When: DuckDB reads them all in one node start, plus each file's data page encodings
        var queries = files.SelectMany(f => new[]
        {
            "SELECT epoch_ms(t)::VARCHAR, epoch_us(t_us)::VARCHAR, (d - DATE '1970-01-01')::VARCHAR, i32::VARCHAR, n64::VARCHAR, v, vn, vw " +
            $"FROM read_parquet('{f.Path}')",
            $"SELECT DISTINCT path_in_schema, encodings FROM parquet_metadata('{f.Path}') ORDER BY 1, 2",
        }).ToList();
        var results = await DuckDbBatch.RunAsync(queries, dir.Path);

        // Then
        for (var f = 0; f < files.Count; f++)
        {
            var (config, table, _) = files[f];
            var rows = results[2 * f];
            Assert.Equal(config.Rows, rows.Length);
            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < Schema.Columns.Count; c++)
                {
                    var expected = table[c][r];
                    var actual = rows[r][c];
                    var where = $"{config.Name} row {r} column {Schema.Columns[c].Name}";
                    if (expected is null)
                    {
                        Assert.True(actual.ValueKind == JsonValueKind.Null, $"{where}: expected null, DuckDB has {actual}");
                    }
                    else if (expected is double d)
                    {
                        Assert.True(d.Equals(ParseDouble(actual)), $"{where}: wrote {d:R}, DuckDB has {actual}");
                    }
                    else
                    {
                        Assert.True(Convert.ToString(expected, CultureInfo.InvariantCulture) == actual.GetString(), $"{where}: wrote {expected}, DuckDB has {actual}");
                    }
                }
            }

            var encodings = results[(2 * f) + 1].Select(row => $"{row[0].GetString()}={row[1].GetString()}").ToArray();
            if (config.Rows > 0)
            {
                Assert.Contains(encodings, e => e.StartsWith("t=", StringComparison.Ordinal) && e.Contains("DELTA_BINARY_PACKED", StringComparison.Ordinal));
                Assert.Contains(encodings, e => e.StartsWith("v=", StringComparison.Ordinal) && e.Contains("BYTE_STREAM_SPLIT", StringComparison.Ordinal));
                if (config.Rows > 200 && config.PageRows < 200)
                {
                    Assert.True(encodings.Any(e => e.StartsWith("vw=", StringComparison.Ordinal) && e.Contains("RLE_DICTIONARY", StringComparison.Ordinal)), $"{config.Name}: {string.Join(" | ", encodings)}");
                }

                if (config.Rows > 200)
                {
                    Assert.Contains(encodings, e => e.StartsWith("vw=", StringComparison.Ordinal) && e.Contains("BYTE_STREAM_SPLIT", StringComparison.Ordinal));
                }
            }
        }
    }

    [Theory]
    [InlineData(ColumnType.Double, ColumnEncoding.DeltaBinaryPacked, false)]
    [InlineData(ColumnType.String, ColumnEncoding.DeltaBinaryPacked, false)]
    [InlineData(ColumnType.Int64, ColumnEncoding.DeltaBinaryPacked, true)]
    [InlineData(ColumnType.Int64, ColumnEncoding.ByteStreamSplit, false)]
    [InlineData(ColumnType.Boolean, ColumnEncoding.ByteStreamSplit, false)]
    [InlineData(ColumnType.Int32, ColumnEncoding.ByteStreamSplit, true)]
    [InlineData(ColumnType.Int64, (ColumnEncoding)42, false)]
    public void ParquetSchema_EncodingTheColumnCannotTake_Throws(ColumnType type, ColumnEncoding encoding, bool dictionary)
    {
        // Given
        var spec = new ColumnSpec("x", type, Dictionary: dictionary, Encoding: encoding);

        // When
        var error = Assert.Throws<ArgumentException>(() => new ParquetSchema([spec]));

        // Then
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Columns in schema order: ascending minutes with gaps and a step back, extremes whose deltas overflow, nulls, special doubles.</summary>
    private static object?[][] Table(int rows, int seed, bool allNull)
    {
        var rng = new Random(seed);
        var table = Schema.Columns.Select(_ => new object?[rows]).ToArray();
        var t = 1_709_283_900_000L;
        long[] longs = [long.MinValue, long.MaxValue, 0, -1, 1, long.MaxValue - 1, long.MinValue + 1];
        int[] ints = [int.MinValue, int.MaxValue, 0, -1, 1];
        double[] doubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.MaxValue, double.Epsilon, 12.598];
        for (var r = 0; r < rows; r++)
        {
            t += rng.Next(50) == 0 ? -3_600_000L : 60_000L * (rng.Next(7) == 0 ? 2 + rng.Next(4) : 1);
            table[0][r] = t;
            table[1][r] = rng.Next(10) == 0 ? null : rng.NextInt64(-2_208_988_800_000_000L, 7_258_118_400_000_000L);
            table[2][r] = rng.Next(8) == 0 ? null : (int)(t / 86_400_000L) + (rng.Next(30) == 0 ? rng.Next(-719_162, 2_932_896) : 0);
            table[3][r] = rng.Next(3) == 0 ? ints[rng.Next(ints.Length)] : rng.Next(-1000, 1000);
            table[4][r] = rng.Next(6) == 0 ? null : rng.Next(3) == 0 ? longs[rng.Next(longs.Length)] : rng.NextInt64();
            table[5][r] = rng.Next(2) == 0 ? 100.0 * rng.Next(1, 500) : rng.Next(5) == 0 ? doubles[rng.Next(doubles.Length)] : rng.NextDouble() * 1e6;
            table[6][r] = rng.Next(5) == 0 ? null : rng.Next(4) == 0 ? doubles[rng.Next(doubles.Length)] : Math.Round(rng.NextDouble() * 50, 4);
            table[7][r] = rng.Next(9) == 0 ? null : r < 150 ? 12.6 + (rng.Next(3) / 100.0) : Math.Round(10 + (r * 0.0137), 4);
            if (allNull)
            {
                // Pages whose delta and split streams hold no value at all.
                table[1][r] = table[2][r] = table[4][r] = table[6][r] = null;
            }
        }

        return table;
    }

    private static async Task WriteAsync(string path, object?[][] table, Config config)
    {
        var options = new ParquetWriterOptions { Compression = config.Codec, RowGroupRows = config.RowGroupRows, PageRows = config.PageRows, DictionaryPageLimitBytes = DictionaryLimit };
        var batch = new ColumnBatch(Schema, capacity: 64);
        await using var writer = ParquetFileWriter.CreateFile(path, Schema, options);
        var rng = new Random(config.Rows);
        for (var from = 0; from < config.Rows;)
        {
            var count = Math.Min(config.Rows - from, rng.Next(1, 700));
            batch.Clear();
            for (var r = from; r < from + count; r++)
            {
                for (var c = 0; c < Schema.Columns.Count; c++)
                {
                    Append(batch, c, table[c][r]);
                }
            }

            await writer.WriteAsync(batch);
            from += count;
        }

        await writer.CompleteAsync();
    }

    private static void Append(ColumnBatch batch, int c, object? value)
    {
        switch (Schema.Columns[c].Type)
        {
            case ColumnType.Timestamp or ColumnType.Int64 when value is null: batch.Int64Column(c).AppendNull(); break;
            case ColumnType.Timestamp or ColumnType.Int64: batch.Int64Column(c).Append((long)value); break;
            case ColumnType.Date or ColumnType.Int32 when value is null: batch.Int32Column(c).AppendNull(); break;
            case ColumnType.Date or ColumnType.Int32: batch.Int32Column(c).Append((int)value); break;
            case ColumnType.Double when value is null: batch.DoubleColumn(c).AppendNull(); break;
            case ColumnType.Double: batch.DoubleColumn(c).Append((double)value); break;
            default: throw new NotSupportedException(Schema.Columns[c].Type.ToString());
        }
    }

    private static object Value(ColumnData data, ColumnType type, int i) => type switch
    {
        ColumnType.Int32 or ColumnType.Date => (object)data.Int32Values![i],
        ColumnType.Int64 or ColumnType.Timestamp => (object)data.Int64Values![i],
        _ => (object)data.DoubleValues![i],
    };

    /// <summary>Doubles compared by bits (NaN payloads and -0.0 included), the rest as they are.</summary>
    private static object? Bits(object? value) => value is double d ? BitConverter.DoubleToInt64Bits(d) : value;

    private static double ParseDouble(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : e.GetString() switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        var s => double.Parse(s!, CultureInfo.InvariantCulture),
    };

    private sealed record Config(string Name, int Rows, ParquetCompression Codec, int RowGroupRows, int PageRows, bool AllNull = false);
}
