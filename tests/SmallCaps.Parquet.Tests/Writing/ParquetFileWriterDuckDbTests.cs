using System.Globalization;
using System.Text;
using System.Text.Json;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Writing;

/// <summary>Files written by our writer, read back by DuckDB (a foreign reader): values and statistics must match exactly.</summary>
public sealed class ParquetFileWriterDuckDbTests
{
    private static readonly Config[] Configs =
    [
        new("empty", 1, 0, 0.2, ParquetCompression.Snappy, 1000, 100),
        new("one-row", 2, 1, 0.0, ParquetCompression.None, 1000, 100),
        new("many-row-groups", 3, 3000, 0.2, ParquetCompression.Snappy, 700, 128),
        new("gzip", 4, 2000, 0.1, ParquetCompression.Gzip, 1000, 20000),
        new("brotli", 5, 2000, 0.3, ParquetCompression.Brotli, 100_000, 500),
        new("dictionary-fallback", 6, 5000, 0.1, ParquetCompression.None, 2500, 300, DictionaryLimit: 300, HighCardinality: true),
        new("all-null-and-nan", 7, 1500, 1.0, ParquetCompression.Snappy, 1000, 400, NanOnly: true),
        new("numeric-dictionary", 8, 3000, 0.1, ParquetCompression.Snappy, 2000, 500, NumericPool: 40),
        new("numeric-dictionary-fallback", 9, 3000, 0.1, ParquetCompression.None, 3000, 200, DictionaryLimit: 240, NumericPool: 100),
    ];

    [Fact]
    public async Task WriteAsync_RandomTablesEveryTypeAndCodec_DuckDbReadsExactValuesAndStatistics()
    {
        // Given: one file per configuration, written in uneven batches through a reused ColumnBatch
        using var dir = new TempDirectory("pq-writer");
        var tables = new List<(Config Config, RandomTable Table, string Path)>();
        foreach (var config in Configs)
        {
            var table = new RandomTable(config.Seed, config.Rows, config.NullRate, config.HighCardinality, config.NanOnly, config.NumericPool);
            var path = dir.Combine(config.Name + ".parquet");
            await WriteAsync(table, path, config);
            tables.Add((config, table, path));
        }

        // When: DuckDB reads every file in one node start
        var queries = new List<string>();
        foreach (var (_, table, path) in tables)
        {
            queries.Add($"SELECT {string.Join(", ", table.Schema.Columns.Select(ValueExpression))} FROM read_parquet('{path}')");
            queries.Add(
                "SELECT row_group_id, column_id, num_values, " + Converted("stats_min_value") + ", " + Converted("stats_max_value") +
                $", stats_null_count, encodings, row_group_num_rows FROM parquet_metadata('{path}') ORDER BY row_group_id, column_id");
            queries.Add($"SELECT count(*) FROM read_parquet('{path}') WHERE n64 > 0");
            queries.Add($"SELECT count(*) FROM read_parquet('{path}') WHERE i32 < 0");
            queries.Add($"SELECT count(*) FROM read_parquet('{path}') WHERE s_dict = 'AAPL'");
            queries.Add($"SELECT created_by, num_rows FROM parquet_file_metadata('{path}')");
            queries.Add($"SELECT decode(key), decode(value) FROM parquet_kv_metadata('{path}') ORDER BY 1");
        }

        var results = await DuckDbBatch.RunAsync(queries, dir.Path);

        // Then
        for (var f = 0; f < tables.Count; f++)
        {
            var (config, table, _) = tables[f];
            var r = results.Skip(f * 7).Take(7).ToArray();
            AssertValues(config, table, r[0]);
            AssertStatistics(config, table, r[1]);
            Assert.Equal(Count(table, "n64", v => (long)v > 0), long.Parse(r[2][0][0].GetString()!));
            Assert.Equal(Count(table, "i32", v => (int)v < 0), long.Parse(r[3][0][0].GetString()!));
            Assert.Equal(Count(table, "s_dict", v => (string)v == "AAPL"), long.Parse(r[4][0][0].GetString()!));
            Assert.StartsWith("smallcaps version ", r[5][0][0].GetString(), StringComparison.Ordinal);
            Assert.Equal(table.RowCount, long.Parse(r[5][0][1].GetString()!));
            Assert.Equal(["origin", "zeta"], r[6].Select(row => row[0].GetString()!));
            Assert.Equal(config.Name, r[6][0][1].GetString());
        }
    }

    [Fact]
    public async Task WriteAsync_AllNullPagesBetweenDictionaryPages_DuckDbReadsEveryRow()
    {
        // Given: tiny pages where whole pages are null after the dictionaries already have entries
        using var dir = new TempDirectory("pq-null-pages");
        var path = dir.Combine("sparse.parquet");
        var schema = new ParquetSchema([
            ColumnSpec.String("s", nullable: true),
            new ColumnSpec("x", ColumnType.Double, Nullable: true, Dictionary: true),
            new ColumnSpec("l", ColumnType.Int32List, Nullable: true),
        ]);
        var batch = new ColumnBatch(schema);
        for (var i = 0; i < 40; i++)
        {
            if (i is >= 10 and < 30)
            {
                batch.StringColumn(0).AppendNull();
                batch.DoubleColumn(1).AppendNull();
                batch.Int32ListColumn(2).AppendNull();
            }
            else
            {
                batch.StringColumn(0).Append(i % 2 == 0 ? "even" : "odd");
                batch.DoubleColumn(1).Append(i % 3);
                batch.Int32ListColumn(2).AppendList([i, i]);
            }
        }

        await using (var writer = ParquetFileWriter.CreateFile(path, schema, new ParquetWriterOptions { PageRows = 10 }))
        {
            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        // When
        var rows = (await DuckDbBatch.RunAsync([$"SELECT s, x, l FROM read_parquet('{path}')"], dir.Path))[0];

        // Then
        Assert.Equal(40, rows.Length);
        for (var i = 0; i < 40; i++)
        {
            if (i is >= 10 and < 30)
            {
                Assert.All(rows[i], v => Assert.Equal(JsonValueKind.Null, v.ValueKind));
            }
            else
            {
                Assert.Equal(i % 2 == 0 ? "even" : "odd", rows[i][0].GetString());
                Assert.Equal(i % 3, rows[i][1].GetDouble());
                Assert.Equal([i, i], rows[i][2].EnumerateArray().Select(e => e.GetInt32()));
            }
        }
    }

    private static async Task WriteAsync(RandomTable table, string path, Config config)
    {
        var options = new ParquetWriterOptions
        {
            Compression = config.Codec,
            RowGroupRows = config.RowGroupRows,
            PageRows = config.PageRows,
            DictionaryPageLimitBytes = config.DictionaryLimit,
            KeyValueMetadata = { ["zeta"] = "ü", ["origin"] = config.Name },
        };
        var batch = new ColumnBatch(table.Schema, capacity: 64);
        await using var writer = ParquetFileWriter.CreateFile(path, table.Schema, options);
        var rng = new Random(config.Seed);
        for (var from = 0; from < table.RowCount;)
        {
            var count = Math.Min(table.RowCount - from, rng.Next(1, 900));
            batch.Clear();
            table.Append(batch, from, count);
            await writer.WriteAsync(batch);
            from += count;
        }

        await writer.CompleteAsync();
        Assert.Equal(table.RowCount, writer.RowsWritten);
    }

    private static string ValueExpression(ColumnSpec c) => c.Type switch
    {
        ColumnType.Timestamp => c.Unit switch { TimeUnit.Millis => $"epoch_ms({c.Name})", TimeUnit.Micros => $"epoch_us({c.Name})", _ => $"epoch_ns({c.Name})" },
        ColumnType.Date => $"({c.Name} - DATE '1970-01-01')",
        _ => c.Name,
    };

    private static string Converted(string field) =>
        $"CASE WHEN path_in_schema IN ('t_ms', 't_us', 't_ns') THEN epoch_us(CAST({field} AS TIMESTAMPTZ))::VARCHAR " +
        $"WHEN path_in_schema = 'd' THEN (CAST({field} AS DATE) - DATE '1970-01-01')::VARCHAR ELSE {field} END";

    private static long Count(RandomTable table, string column, Func<object, bool> predicate) =>
        table.Columns[table.Schema.IndexOf(column)].Count(v => v is not null && predicate(v));

    private static void AssertValues(Config config, RandomTable table, JsonElement[][] rows)
    {
        Assert.Equal(table.RowCount, rows.Length);
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < table.Columns.Length; c++)
            {
                var expected = table.Columns[c][r];
                var actual = rows[r][c];
                var where = $"{config.Name}: row {r} column {table.Schema.Columns[c].Name}";
                if (expected is null)
                {
                    Assert.True(actual.ValueKind == JsonValueKind.Null, $"{where}: expected null, DuckDB has {actual}");
                    continue;
                }

                var spec = table.Schema.Columns[c];
                switch (expected)
                {
                    case string s: Assert.True(s == actual.GetString(), $"{where}: '{s}' vs '{actual}'"); break;
                    case bool b: Assert.True(b == actual.GetBoolean(), where); break;
                    case int i when spec.Type == ColumnType.Date: Assert.True(i == long.Parse(actual.GetString()!, CultureInfo.InvariantCulture), where); break;
                    case int i: Assert.True(i == actual.GetInt32(), $"{where}: {i} vs {actual}"); break;
                    case long l: Assert.True(l == long.Parse(actual.GetString()!, CultureInfo.InvariantCulture), $"{where}: {l} vs {actual}"); break;
                    case double d: Assert.True(d.Equals(ParseDouble(actual)), $"{where}: {d} vs {actual}"); break;
                    case int[] list: Assert.True(list.SequenceEqual(actual.EnumerateArray().Select(e => e.GetInt32())), $"{where}: list differs"); break;
                    default: throw new InvalidOperationException(where);
                }
            }
        }
    }

    private static void AssertStatistics(Config config, RandomTable table, JsonElement[][] rows)
    {
        var groups = table.RowCount == 0 ? 0 : (table.RowCount + config.RowGroupRows - 1) / config.RowGroupRows;
        Assert.Equal(groups * table.Columns.Length, rows.Length);
        foreach (var row in rows)
        {
            var group = (int)long.Parse(row[0].GetString()!, CultureInfo.InvariantCulture);
            var c = (int)long.Parse(row[1].GetString()!, CultureInfo.InvariantCulture);
            var spec = table.Schema.Columns[c];
            var from = group * config.RowGroupRows;
            var count = Math.Min(config.RowGroupRows, table.RowCount - from);
            var (nulls, min, max) = table.Statistics(c, from, count);
            var where = $"{config.Name}: group {group} column {spec.Name}";
            Assert.True(count == long.Parse(row[7].GetString()!, CultureInfo.InvariantCulture), $"{where}: row count");
            Assert.True(nulls == long.Parse(row[5].GetString()!, CultureInfo.InvariantCulture), $"{where}: null count {nulls} vs {row[5]}");
            AssertBound(spec, min, row[3], where + " min");
            AssertBound(spec, max, row[4], where + " max");
            if (config.NumericPool > 0 && spec.Dictionary)
            {
                var encodings = row[6].GetString()!;
                Assert.True(encodings.Contains("RLE_DICTIONARY", StringComparison.Ordinal), $"{where}: {encodings}");
            }

            if (config.HighCardinality && spec.Name == "s_dict")
            {
                // Which pages fell back to PLAIN is checked in ParquetFileWriterFooterTests (DuckDB does not show encoding_stats).
                Assert.True(row[6].GetString()!.Contains("RLE_DICTIONARY", StringComparison.Ordinal), $"{where}: {row[6]}");
            }
        }
    }

    private static void AssertBound(ColumnSpec spec, object? expected, JsonElement actual, string where)
    {
        if (expected is null)
        {
            Assert.True(actual.ValueKind == JsonValueKind.Null, $"{where}: expected no bound, DuckDB has {actual}");
            return;
        }

        if (expected is double e && double.IsInfinity(e))
        {
            // DuckDB's parquet_metadata shows infinite bounds as absent (it neither writes nor trusts them);
            // the raw bytes are checked with our own footer reader in ParquetFileWriterFooterTests.
            Assert.True(actual.ValueKind == JsonValueKind.Null || ParseDouble(actual) == e, $"{where}: {actual}");
            return;
        }

        var text = actual.GetString();
        Assert.True(text is not null, $"{where}: DuckDB has no bound, expected {expected}");
        switch (spec.Type)
        {
            case ColumnType.String: Assert.True((string)expected == text, $"{where}: '{expected}' vs '{text}'"); break;
            case ColumnType.Boolean: Assert.Equal((bool)expected ? "true" : "false", text); break;
            case ColumnType.Double: Assert.True(((double)expected).Equals(ParseDouble(text!)) || ((double)expected == 0 && ParseDouble(text!) == 0), $"{where}: {expected} vs {text}"); break;
            case ColumnType.Timestamp:
                var micros = spec.Unit switch { TimeUnit.Millis => (long)expected * 1000, TimeUnit.Micros => (long)expected, _ => (long)expected / 1000 };
                Assert.True(micros == long.Parse(text!, CultureInfo.InvariantCulture), $"{where}: {micros} vs {text}");
                break;
            default: Assert.True(Convert.ToInt64(expected, CultureInfo.InvariantCulture) == long.Parse(text!, CultureInfo.InvariantCulture), $"{where}: {expected} vs {text}"); break;
        }
    }

    private static double ParseDouble(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : ParseDouble(e.GetString()!);

    private static double ParseDouble(string text) => text.ToLowerInvariant() switch
    {
        "nan" or "-nan" => double.NaN,
        "inf" or "infinity" or "+inf" => double.PositiveInfinity,
        "-inf" or "-infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private sealed record Config(string Name, int Seed, int Rows, double NullRate, ParquetCompression Codec, int RowGroupRows, int PageRows, int DictionaryLimit = 1 << 20, bool HighCardinality = false, bool NanOnly = false, int NumericPool = 0);
}
