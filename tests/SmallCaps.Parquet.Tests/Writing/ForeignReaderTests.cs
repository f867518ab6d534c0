using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Writing;

/// <summary>
/// Files written by our writer, read by two readers that share no code with ours or DuckDB's
/// (tests/oracle/foreign-read.mjs: hyparquet in pure JS, parquet-wasm = arrow-rs): every value must come back exactly.
/// </summary>
public sealed class ForeignReaderTests
{
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Config[] Configs =
    [
        new("empty", 11, 0, 0.2, ParquetCompression.Snappy, 1000, 100),
        new("one-row", 12, 1, 0.0, ParquetCompression.None, 1000, 100),
        new("many-row-groups", 13, 3000, 0.2, ParquetCompression.Snappy, 700, 128),
        new("codec-none", 14, 1500, 0.1, ParquetCompression.None, 1000, 300),
        new("codec-snappy", 15, 1500, 0.1, ParquetCompression.Snappy, 1000, 300),
        new("codec-gzip", 16, 1500, 0.1, ParquetCompression.Gzip, 1000, 20000),
        new("codec-brotli", 17, 1500, 0.3, ParquetCompression.Brotli, 100_000, 500),
        new("dictionary-fallback", 18, 4000, 0.1, ParquetCompression.None, 2500, 300, DictionaryLimit: 300, HighCardinality: true, Fallback: ["s_dict", "s_req"]),
        new("dictionary-fallback-snappy", 19, 3000, 0.1, ParquetCompression.Snappy, 3000, 250, DictionaryLimit: 400, HighCardinality: true, Fallback: ["s_dict", "s_req"]),
        new("all-null-and-nan", 20, 1200, 1.0, ParquetCompression.Snappy, 1000, 400, NanOnly: true),
        new("numeric-dictionary", 21, 3000, 0.1, ParquetCompression.Snappy, 2000, 500, NumericPool: 40),
        new("numeric-dictionary-fallback", 22, 3000, 0.1, ParquetCompression.None, 3000, 200, DictionaryLimit: 240, NumericPool: 100, Fallback: ["t_us", "d", "x", "xr", "n64n", "i32"]),
        new("numeric-dictionary-gzip", 23, 2000, 0.2, ParquetCompression.Gzip, 900, 150, NumericPool: 5),
        new("small-page-bytes", 25, 2500, 0.1, ParquetCompression.Snappy, 2500, 20000, HighCardinality: true, PageBytes: 1024),
        new("numeric-dictionary-wide", 26, 8000, 0.05, ParquetCompression.Snappy, 8000, 5000, NumericPool: 1000),
        new("numeric-dictionary-brotli", 24, 2000, 0.2, ParquetCompression.Brotli, 2000, 2000, NumericPool: 1),
    ];

    [Fact]
    public async Task WriteAsync_RandomTablesEveryTypeCodecAndLayout_HyparquetAndParquetWasmReadExactValues()
    {
        // Given: one file per configuration over every column type, written in uneven batches through a reused ColumnBatch
        using var dir = new TempDirectory("pq-foreign");
        var files = new List<ExpectedFile>();
        foreach (var config in Configs)
        {
            var table = new RandomTable(config.Seed, config.Rows, config.NullRate, config.HighCardinality, config.NanOnly, config.NumericPool);
            var options = new ParquetWriterOptions
            {
                Compression = config.Codec,
                RowGroupRows = config.RowGroupRows,
                PageRows = config.PageRows,
                PageBytes = config.PageBytes,
                DictionaryPageLimitBytes = config.DictionaryLimit,
            };
            var expected = new ExpectedFile(config.Name, dir.Combine(config.Name + ".parquet"), table.Schema, table.Columns, table.RowCount, options, config.FallbackColumns);
            await WriteAsync(expected, config.Seed);
            files.Add(expected);
        }

        // When: both foreign readers read every file in one node start
        var results = await ReadForeignAsync(files);

        // Then
        AssertAllRead(files, results);
    }

    [Fact]
    public async Task WriteAsync_LakeBarSchemaAndEdgeValues_HyparquetAndParquetWasmReadExactValues()
    {
        // Given: bar files shaped like the lake's (minute bars with default options and in small gzip row groups, a daily file
        // with one row per ticker so dictionary indices are 13 bits wide) and a table of edge values under every codec
        using var dir = new TempDirectory("pq-foreign-bars");
        var bars = BarTable(20_000, 6);
        var daily = BarTable(6000, 6000);
        var files = new List<ExpectedFile>
        {
            new("bars-default", dir.Combine("bars-default.parquet"), bars.Schema, bars.Columns, bars.Rows, new ParquetWriterOptions(), []),
            new("bars-small-groups", dir.Combine("bars-small-groups.parquet"), bars.Schema, bars.Columns, bars.Rows,
                new ParquetWriterOptions { Compression = ParquetCompression.Gzip, RowGroupRows = 6000, PageRows = 1000 }, []),
            new("bars-daily-6000-tickers", dir.Combine("bars-daily.parquet"), daily.Schema, daily.Columns, daily.Rows, new ParquetWriterOptions(), []),
        };
        var fallback = SplitFallbackTable(3000);
        files.Add(new("bars-split-fallback", dir.Combine("bars-split-fallback.parquet"), fallback.Schema, fallback.Columns, fallback.Rows,
            new ParquetWriterOptions { RowGroupRows = 5000, PageRows = 100, DictionaryPageLimitBytes = 400 }, ["vw"]));
        foreach (var codec in Enum.GetValues<ParquetCompression>())
        {
            var edges = EdgeTable();
            var name = "edges-" + codec.ToString().ToLowerInvariant();
            var options = new ParquetWriterOptions { Compression = codec, RowGroupRows = 16, PageRows = 7 };
            files.Add(new ExpectedFile(name, dir.Combine(name + ".parquet"), edges.Schema, edges.Columns, edges.Rows, options, []));
        }

        for (var i = 0; i < files.Count; i++)
        {
            await WriteAsync(files[i], i);
        }

        // When
        var results = await ReadForeignAsync(files);

        // Then
        AssertAllRead(files, results);
    }

    private static (ParquetSchema Schema, object?[][] Columns, int Rows) BarTable(int rows, int tickerCount)
    {
        // Same columns and encodings as SmallCaps.Core.Lake.BarSchema (this project does not reference Core; numbers here are
        // too random for the numeric dictionaries to survive their first page, so those columns stay PLAIN): minute bars sorted by ticker, then t.
        var schema = new ParquetSchema([
            ColumnSpec.String("ticker"),
            ColumnSpec.Timestamp("t", TimeUnit.Millis, ColumnEncoding.DeltaBinaryPacked),
            new ColumnSpec("session_date", ColumnType.Date, Encoding: ColumnEncoding.DeltaBinaryPacked),
            new ColumnSpec("o", ColumnType.Double),
            new ColumnSpec("h", ColumnType.Double),
            new ColumnSpec("l", ColumnType.Double),
            new ColumnSpec("c", ColumnType.Double),
            new ColumnSpec("v", ColumnType.Double, Encoding: ColumnEncoding.ByteStreamSplit),
            new ColumnSpec("vw", ColumnType.Double, Nullable: true, Encoding: ColumnEncoding.ByteStreamSplit),
            new ColumnSpec("n", ColumnType.Int64, Nullable: true),
            new ColumnSpec("otc", ColumnType.Boolean),
        ]);
        string[] named = ["AACG", "ABVC", "BRK.A", "CEAD", "GME", "ZVSA"];
        var tickers = Enumerable.Range(0, tickerCount).Select(i => i < named.Length ? named[i] : TickerName(i)).Order(StringComparer.Ordinal).ToArray();
        var rng = new Random(42);
        var columns = schema.Columns.Select(_ => new object?[rows]).ToArray();
        var perTicker = (rows + tickers.Length - 1) / tickers.Length;
        var start = new DateTimeOffset(2024, 3, 8, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var r = 0; r < rows; r++)
        {
            var minute = r % perTicker;
            var t = start + (minute / 390 * 86_400_000L) + (minute % 390 * 60_000L);
            var open = Math.Round(0.5 + (rng.NextDouble() * 20), 4);
            var close = Math.Round(open * (0.98 + (rng.NextDouble() * 0.04)), 4);
            columns[0][r] = tickers[r / perTicker];
            columns[1][r] = t;
            columns[2][r] = (int)(t / 86_400_000L);
            columns[3][r] = open;
            columns[4][r] = Math.Max(open, close) + 0.0001;
            columns[5][r] = Math.Min(open, close) - 0.0001;
            columns[6][r] = close;
            columns[7][r] = (double)rng.Next(0, 2_000_000);
            columns[8][r] = rng.Next(10) == 0 ? null : Math.Round((open + close) / 2, 6);
            columns[9][r] = rng.Next(10) == 0 ? null : (long)rng.Next(1, 5000);
            columns[10][r] = rng.Next(25) == 0;
        }

        return (schema, columns, rows);
    }

    /// <summary>vw as the lake writes it (dictionary, then BYTE_STREAM_SPLIT past the limit): three prices, then a new one per row.</summary>
    private static (ParquetSchema Schema, object?[][] Columns, int Rows) SplitFallbackTable(int rows)
    {
        var schema = new ParquetSchema([
            ColumnSpec.Timestamp("t", TimeUnit.Millis, ColumnEncoding.DeltaBinaryPacked),
            new ColumnSpec("vw", ColumnType.Double, Nullable: true, Dictionary: true, Encoding: ColumnEncoding.ByteStreamSplit),
        ]);
        var columns = schema.Columns.Select(_ => new object?[rows]).ToArray();
        for (var r = 0; r < rows; r++)
        {
            columns[0][r] = 1_709_283_900_000L + (r * 60_000L);
            columns[1][r] = r % 11 == 5 ? null : r < 150 ? 12.6 + (r % 3 / 100.0) : Math.Round(10 + (r * 0.0137), 4);
        }

        return (schema, columns, rows);
    }

    private static string TickerName(int i)
    {
        var sb = new StringBuilder();
        for (var n = i; n > 0; n /= 26)
        {
            sb.Insert(0, (char)('A' + (n % 26)));
        }

        return sb.Append(".X").ToString();
    }

    private static (ParquetSchema Schema, object?[][] Columns, int Rows) EdgeTable()
    {
        // Extremes, sub-microsecond nanos, negative times, non-ASCII and long strings, special doubles, null/empty lists.
        var schema = new ParquetSchema([
            ColumnSpec.String("s", nullable: true),
            ColumnSpec.String("s_plain", dictionary: false),
            ColumnSpec.Timestamp("t_ms", TimeUnit.Millis, nullable: true),
            ColumnSpec.Timestamp("t_us", TimeUnit.Micros),
            ColumnSpec.Timestamp("t_ns", TimeUnit.Nanos, nullable: true),
            new ColumnSpec("d", ColumnType.Date, Nullable: true),
            new ColumnSpec("x", ColumnType.Double, Nullable: true),
            new ColumnSpec("x_dict", ColumnType.Double, Dictionary: true),
            new ColumnSpec("n64", ColumnType.Int64, Nullable: true),
            new ColumnSpec("n64_dict", ColumnType.Int64, Dictionary: true),
            new ColumnSpec("i32", ColumnType.Int32),
            new ColumnSpec("b", ColumnType.Boolean, Nullable: true),
            new ColumnSpec("l", ColumnType.Int32List, Nullable: true),
            new ColumnSpec("lr", ColumnType.Int32List),
            ColumnSpec.Timestamp("t_delta", TimeUnit.Millis, ColumnEncoding.DeltaBinaryPacked, nullable: true),
            new ColumnSpec("d_delta", ColumnType.Date, Encoding: ColumnEncoding.DeltaBinaryPacked),
            new ColumnSpec("n64_delta", ColumnType.Int64, Nullable: true, Encoding: ColumnEncoding.DeltaBinaryPacked),
            new ColumnSpec("i32_delta", ColumnType.Int32, Encoding: ColumnEncoding.DeltaBinaryPacked),
            new ColumnSpec("x_split", ColumnType.Double, Nullable: true, Encoding: ColumnEncoding.ByteStreamSplit),
            new ColumnSpec("x_split_req", ColumnType.Double, Encoding: ColumnEncoding.ByteStreamSplit),
            new ColumnSpec("n64_delta_null", ColumnType.Int64, Nullable: true, Encoding: ColumnEncoding.DeltaBinaryPacked),
            new ColumnSpec("x_split_null", ColumnType.Double, Nullable: true, Encoding: ColumnEncoding.ByteStreamSplit),
        ]);
        object?[] strings = ["", "ü", "日本株", "🚀", "\0nul", null, new string('x', 200), "a\"b\\c\n", "Ａ", "\uFEFFbom", "e\u0301"];
        object?[] longs = [long.MinValue, long.MaxValue, 0L, -1L, 1L, long.MinValue + 1, long.MaxValue - 1, 9_007_199_254_740_993L, -9_007_199_254_740_993L];
        object?[] doubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.MaxValue, double.MinValue,
            double.Epsilon, -double.Epsilon, 2.2250738585072014E-308, 0.1, 1.0 / 3, 123456789.123456789, -1e-300];
        object?[] ints = [int.MinValue, int.MaxValue, 0, -1, 1];
        object?[] dates = [-719_162, 2_932_896, 0, -1, 19_790, int.MinValue, int.MaxValue];
        object?[] nanos = [1L, -1L, 1_700_000_000_123_456_789L, -1_700_000_000_123_456_789L, long.MaxValue, long.MinValue, 999L];
        object?[] millis = [-1L, 0L, -62_135_596_800_000L, 253_402_300_799_999L, 1_700_000_000_123L];
        object?[] lists = [null, Array.Empty<int>(), new[] { int.MinValue, int.MaxValue }, new[] { 0 }, Enumerable.Range(-300, 700).ToArray(), new[] { 7, 7, 7 }];
        const int rows = 77;
        var columns = schema.Columns.Select(_ => new object?[rows]).ToArray();
        for (var r = 0; r < rows; r++)
        {
            columns[0][r] = strings[r % strings.Length];
            columns[1][r] = strings[(r + 3) % strings.Length] ?? "not null";
            columns[2][r] = r % 6 == 5 ? null : millis[r % millis.Length];
            columns[3][r] = (long)millis[r % millis.Length]! * 1000 - (r % 3);
            columns[4][r] = r % 8 == 3 ? null : nanos[r % nanos.Length];
            columns[5][r] = r % 9 == 8 ? null : dates[r % dates.Length];
            columns[6][r] = r % 5 == 4 ? null : doubles[r % doubles.Length];
            columns[7][r] = doubles[(r * 7) % doubles.Length];
            columns[8][r] = r % 4 == 1 ? null : longs[r % longs.Length];
            columns[9][r] = longs[(r / 4) % longs.Length]; // runs, so the writer's first-page check keeps the dictionary
            columns[10][r] = ints[r % ints.Length];
            columns[11][r] = r % 7 == 6 ? null : r % 3 == 0;
            columns[12][r] = lists[r % lists.Length];
            columns[13][r] = lists[(r % (lists.Length - 1)) + 1];

            // Delta columns: extremes next to each other, so deltas overflow in both directions; split columns: special doubles.
            columns[14][r] = r % 6 == 2 ? null : millis[(r * 3) % millis.Length];
            columns[15][r] = dates[(r * 5) % dates.Length];
            columns[16][r] = r % 5 == 3 ? null : longs[(r * 2) % longs.Length];
            columns[17][r] = ints[(r * 3) % ints.Length];
            columns[18][r] = r % 4 == 0 ? null : doubles[(r * 3) % doubles.Length];
            columns[19][r] = doubles[(r * 5) % doubles.Length];

            // Pages of delta and split columns that hold no value at all.
            columns[20][r] = null;
            columns[21][r] = null;
        }

        return (schema, columns, rows);
    }

    private static async Task WriteAsync(ExpectedFile file, int seed)
    {
        var batch = new ColumnBatch(file.Schema, capacity: 64);
        await using var writer = ParquetFileWriter.CreateFile(file.Path, file.Schema, file.Options);
        var rng = new Random(seed);
        for (var from = 0; from < file.Rows;)
        {
            var count = Math.Min(file.Rows - from, rng.Next(1, 900));
            batch.Clear();
            for (var c = 0; c < file.Columns.Length; c++)
            {
                for (var r = from; r < from + count; r++)
                {
                    Append(batch, c, file.Schema.Columns[c].Type, file.Columns[c][r], utf8Bytes: r % 2 == 1);
                }
            }

            await writer.WriteAsync(batch);
            from += count;
        }

        await writer.CompleteAsync();
        Assert.Equal(file.Rows, writer.RowsWritten);
    }

    private static void Append(ColumnBatch batch, int c, ColumnType type, object? v, bool utf8Bytes)
    {
        switch (type)
        {
            case ColumnType.String when v is null: batch.StringColumn(c).AppendNull(); break;
            case ColumnType.String when utf8Bytes: batch.StringColumn(c).Append(Encoding.UTF8.GetBytes((string)v)); break;
            case ColumnType.String: batch.StringColumn(c).Append((string)v); break;
            case ColumnType.Timestamp or ColumnType.Int64 when v is null: batch.Int64Column(c).AppendNull(); break;
            case ColumnType.Timestamp or ColumnType.Int64: batch.Int64Column(c).Append((long)v); break;
            case ColumnType.Date or ColumnType.Int32 when v is null: batch.Int32Column(c).AppendNull(); break;
            case ColumnType.Date or ColumnType.Int32: batch.Int32Column(c).Append((int)v); break;
            case ColumnType.Double when v is null: batch.DoubleColumn(c).AppendNull(); break;
            case ColumnType.Double: batch.DoubleColumn(c).Append((double)v); break;
            case ColumnType.Boolean when v is null: batch.BooleanColumn(c).AppendNull(); break;
            case ColumnType.Boolean: batch.BooleanColumn(c).Append((bool)v); break;
            case ColumnType.Int32List when v is null: batch.Int32ListColumn(c).AppendNull(); break;
            case ColumnType.Int32List: batch.Int32ListColumn(c).AppendList((int[])v); break;
            default: throw new NotSupportedException(type.ToString());
        }
    }

    private static async Task<Dictionary<string, JsonElement>> ReadForeignAsync(IReadOnlyList<ExpectedFile> files)
    {
        var stdout = await NodeOracle.RunScriptAsync("foreign-read.mjs", [.. files.Select(f => f.Path)]);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("file").GetString()!, e => e.Clone(), StringComparer.Ordinal);
    }

    private static void AssertAllRead(IReadOnlyList<ExpectedFile> files, Dictionary<string, JsonElement> results)
    {
        // Every mismatch of every file and reader is listed, so one run shows the whole picture.
        var problems = new List<string>();
        foreach (var file in files)
        {
            var entry = results[file.Path];
            foreach (var reader in new[] { "hyparquet", "wasm" })
            {
                CompareRead(file, reader, entry.GetProperty(reader), problems);
            }

            if (entry.GetProperty("hyparquet").TryGetProperty("rowGroups", out var groups))
            {
                CompareFooter(file, groups, problems);
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):\n{string.Join('\n', problems.Take(60))}");
    }

    private static void CompareRead(ExpectedFile file, string reader, JsonElement read, List<string> problems)
    {
        var where = $"{file.Name} [{reader}]";
        if (read.TryGetProperty("error", out var error))
        {
            problems.Add($"{where}: failed: {error.GetString()}");
            return;
        }

        if (read.GetProperty("rows").GetInt64() != file.Rows)
        {
            problems.Add($"{where}: {read.GetProperty("rows")} rows, expected {file.Rows}");
        }

        var columns = read.GetProperty("columns").EnumerateArray().ToArray();
        var names = columns.Select(c => c.GetProperty("name").GetString()!).ToArray();
        if (!names.SequenceEqual(file.Schema.Columns.Select(c => c.Name)))
        {
            problems.Add($"{where}: columns [{string.Join(", ", names)}]");
            return;
        }

        for (var c = 0; c < columns.Length; c++)
        {
            var spec = file.Schema.Columns[c];
            var expected = file.Columns[c];
            var kind = columns[c].GetProperty("kind").GetString()!;
            var expectedKind = reader == "wasm" ? ArrowFormat(spec) : HyparquetKind(spec, expected);
            if (kind != expectedKind)
            {
                problems.Add($"{where} column {spec.Name}: read as '{kind}', expected '{expectedKind}'");
            }

            var values = columns[c].GetProperty("values").EnumerateArray().ToArray();
            if (values.Length != file.Rows)
            {
                problems.Add($"{where} column {spec.Name}: {values.Length} values, expected {file.Rows}");
                continue;
            }

            var wrong = 0;
            for (var r = 0; r < values.Length; r++)
            {
                if (!Same(spec, expected[r], values[r]) && ++wrong <= 3)
                {
                    problems.Add($"{where} column {spec.Name} row {r}: read {values[r].GetRawText()}, wrote {Show(expected[r])}");
                }
            }

            if (wrong > 3)
            {
                problems.Add($"{where} column {spec.Name}: {wrong} wrong values in all");
            }
        }
    }

    // The footer as hyparquet decodes it: row counts per group, codec, data page encodings, null_count, min_value/max_value.
    private static void CompareFooter(ExpectedFile file, JsonElement groups, List<string> problems)
    {
        var fellBack = new HashSet<string>(StringComparer.Ordinal);
        var expectedGroups = (file.Rows + file.Options.RowGroupRows - 1) / file.Options.RowGroupRows;
        if (groups.GetArrayLength() != expectedGroups)
        {
            problems.Add($"{file.Name} [hyparquet]: {groups.GetArrayLength()} row groups, expected {expectedGroups}");
            return;
        }

        var g = 0;
        foreach (var group in groups.EnumerateArray())
        {
            var from = g * file.Options.RowGroupRows;
            var count = Math.Min(file.Options.RowGroupRows, file.Rows - from);
            var where = $"{file.Name} [hyparquet] row group {g}";
            if (group.GetProperty("rows").GetInt64() != count)
            {
                problems.Add($"{where}: {group.GetProperty("rows")} rows, expected {count}");
            }

            var c = 0;
            foreach (var column in group.GetProperty("columns").EnumerateArray())
            {
                var spec = file.Schema.Columns[c];
                var (nulls, min, max) = TrueStatistics(spec.Type, file.Columns[c].AsSpan(from, count));
                var codec = file.Options.Compression == ParquetCompression.None ? "UNCOMPRESSED" : file.Options.Compression.ToString().ToUpperInvariant();
                if (column.GetProperty("codec").GetString() != codec)
                {
                    problems.Add($"{where} column {spec.Name}: codec {column.GetProperty("codec")}, expected {codec}");
                }

                // Layout the file claims to cover: dictionary columns start dictionary-encoded and fall back to PLAIN (or to
                // BYTE_STREAM_SPLIT for split columns), delta and split columns without a dictionary use only their encoding, the rest PLAIN
                // (the data here is chosen so the writer's "first page mostly distinct -> PLAIN chunk" rule never fires).
                var encodings = column.GetProperty("dataPageEncodings").EnumerateArray().Select(e => e.GetString()!).ToArray();
                var hasValues = nulls < count || spec.Type == ColumnType.Int32List;
                var plain = spec.Encoding switch
                {
                    ColumnEncoding.DeltaBinaryPacked => "DELTA_BINARY_PACKED",
                    ColumnEncoding.ByteStreamSplit => "BYTE_STREAM_SPLIT",
                    _ => "PLAIN",
                };
                var first = spec.Dictionary ? "RLE_DICTIONARY" : plain;
                if (hasValues && !(encodings.Contains(first) && encodings.All(e => e == "RLE_DICTIONARY" || e == plain) && (spec.Dictionary || encodings.Length == 1)))
                {
                    problems.Add($"{where} column {spec.Name}: data pages [{string.Join(", ", encodings)}], expected {first}");
                }

                // A page holds at most PageRows rows, and at most PageBytes plus one value (this bound is checked for PLAIN strings).
                var pages = column.GetProperty("dataPages").GetInt32();
                var minPages = spec.Type == ColumnType.Int32List ? 1 : (count + file.Options.PageRows - 1) / file.Options.PageRows;
                if (spec.Type == ColumnType.String && !spec.Dictionary)
                {
                    var strings = file.Columns[c].AsSpan(from, count).ToArray().OfType<string>().Select(v => 4L + Encoding.UTF8.GetByteCount(v)).ToArray();
                    minPages = Math.Max(minPages, strings.Length == 0 ? 0 : (int)(strings.Sum() / (file.Options.PageBytes + strings.Max())));
                }

                if (pages < minPages)
                {
                    problems.Add($"{where} column {spec.Name}: {pages} data pages, expected at least {minPages}");
                }

                if (encodings.Length == 2)
                {
                    fellBack.Add(spec.Name);
                }

                var nullCount = column.GetProperty("nullCount");
                if (nullCount.ValueKind != JsonValueKind.String || nullCount.GetString() != nulls.ToString(CultureInfo.InvariantCulture))
                {
                    problems.Add($"{where} column {spec.Name}: null_count {nullCount.GetRawText()}, expected {nulls}");
                }

                if (!Same(spec, min, column.GetProperty("min")) || !Same(spec, max, column.GetProperty("max")))
                {
                    problems.Add($"{where} column {spec.Name}: min/max {column.GetProperty("min").GetRawText()}/{column.GetProperty("max").GetRawText()}, expected {Show(min)}/{Show(max)}");
                }

                c++;
            }

            g++;
        }

        var missing = file.FallbackColumns.Except(fellBack).ToArray();
        if (missing.Length > 0)
        {
            problems.Add($"{file.Name} [hyparquet]: no chunk of [{string.Join(", ", missing)}] fell back from dictionary to PLAIN");
        }

        var unexpected = fellBack.Except(file.FallbackColumns).ToArray();
        if (unexpected.Length > 0)
        {
            problems.Add($"{file.Name} [hyparquet]: [{string.Join(", ", unexpected)}] fell back to PLAIN unexpectedly");
        }
    }

    // Nulls count null rows (and, for lists, empty lists: both are a slot without an element); NaN is outside the bounds;
    // a zero minimum is -0.0 and a zero maximum +0.0 (parquet.thrift); strings compare as unsigned UTF-8 bytes.
    private static (long Nulls, object? Min, object? Max) TrueStatistics(ColumnType type, ReadOnlySpan<object?> values)
    {
        long nulls = 0;
        object? min = null;
        object? max = null;
        foreach (var v in values)
        {
            if (v is null || v is int[] { Length: 0 })
            {
                nulls++;
            }
            else if (v is int[] list)
            {
                foreach (var e in list)
                {
                    Update(e, ColumnType.Int32);
                }
            }
            else if (v is not double.NaN)
            {
                Update(v, type);
            }
        }

        if (min is 0.0)
        {
            min = -0.0;
        }

        if (max is 0.0)
        {
            max = 0.0;
        }

        return (nulls, min, max);

        void Update(object v, ColumnType t)
        {
            min = min is null || RandomTable.Compare(t, v, min) < 0 ? v : min;
            max = max is null || RandomTable.Compare(t, v, max) > 0 ? v : max;
        }
    }

    // hyparquet names the converter it applied; none runs when a column has no value at all.
    private static string HyparquetKind(ColumnSpec spec, object?[] values)
    {
        if (values.All(v => v is null))
        {
            return "";
        }

        return spec.Type switch
        {
            ColumnType.String => "string",
            ColumnType.Date => "date",
            ColumnType.Timestamp => "timestamp-" + spec.Unit.ToString().ToLowerInvariant(),
            _ => "",
        };
    }

    // The Arrow type arrow-rs derives from our schema (C data interface format strings).
    private static string ArrowFormat(ColumnSpec spec) => spec.Type switch
    {
        ColumnType.String => "u",
        ColumnType.Timestamp => spec.Unit switch { TimeUnit.Millis => "tsm", TimeUnit.Micros => "tsu", _ => "tsn" } + ":UTC",
        ColumnType.Date => "tdD",
        ColumnType.Int32 => "i",
        ColumnType.Int64 => "l",
        ColumnType.Double => "g",
        ColumnType.Boolean => "b",
        ColumnType.Int32List => "+l/i",
        _ => throw new NotSupportedException(spec.Type.ToString()),
    };

    private static bool Same(ColumnSpec spec, object? expected, JsonElement actual)
    {
        if (expected is null)
        {
            return actual.ValueKind == JsonValueKind.Null;
        }

        return expected switch
        {
            string s => actual.ValueKind == JsonValueKind.String && s == actual.GetString(),
            bool b => actual.ValueKind == (b ? JsonValueKind.True : JsonValueKind.False),
            int i => actual.ValueKind == JsonValueKind.Number && actual.TryGetInt32(out var a) && a == i,
            long l => actual.ValueKind == JsonValueKind.String && long.TryParse(actual.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a) && a == l,
            double d => SameDouble(d, actual),
            int[] list => actual.ValueKind == JsonValueKind.Array && actual.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number)
                && list.SequenceEqual(actual.EnumerateArray().Select(e => e.GetInt32())),
            _ => throw new InvalidOperationException($"{spec.Name}: unexpected {expected.GetType()}"),
        };
    }

    private static bool SameDouble(double expected, JsonElement actual)
    {
        // Finite non-zero doubles come as JSON numbers (shortest round-trip text); the rest as agreed strings.
        double? special = actual.ValueKind != JsonValueKind.String ? null : actual.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            "-0" => -0.0,
            _ => null,
        };
        if (special is null && actual.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        var value = special ?? actual.GetDouble();

        // Bit-exact, so -0.0 and 0.0 differ; any NaN is NaN (JS does not keep NaN payloads).
        return double.IsNaN(expected) ? double.IsNaN(value) : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value);
    }

    private static string Show(object? v) => v switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s, ReadableJson),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int[] list => "[" + string.Join(",", list) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    /// <param name="FallbackColumns">Columns whose dictionary must overflow, so some chunk has both RLE_DICTIONARY and PLAIN data pages.</param>
    private sealed record ExpectedFile(string Name, string Path, ParquetSchema Schema, object?[][] Columns, int Rows, ParquetWriterOptions Options, string[] FallbackColumns);

    private sealed record Config(string Name, int Seed, int Rows, double NullRate, ParquetCompression Codec, int RowGroupRows, int PageRows, int DictionaryLimit = 1 << 20, bool HighCardinality = false, bool NanOnly = false, int NumericPool = 0, string[]? Fallback = null, int PageBytes = 1 << 20)
    {
        public string[] FallbackColumns => Fallback ?? [];
    }
}
