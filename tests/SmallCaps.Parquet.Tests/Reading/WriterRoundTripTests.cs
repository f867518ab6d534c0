using System.Text;
using SmallCaps.TestSupport;

namespace SmallCaps.Parquet.Tests.Reading;

/// <summary>Files from our own writer read back identically, across row groups, pages, codecs and every column kind.</summary>
public sealed class WriterRoundTripTests
{
    private static readonly ParquetSchema Schema = new(
    [
        ColumnSpec.Timestamp("ts", TimeUnit.Millis),
        ColumnSpec.String("ticker"),
        ColumnSpec.String("exchange", nullable: true),
        ColumnSpec.String("note", nullable: true, dictionary: false),
        new ColumnSpec("open", ColumnType.Double),
        new ColumnSpec("vwap", ColumnType.Double, Nullable: true),
        new ColumnSpec("volume", ColumnType.Int64),
        new ColumnSpec("day", ColumnType.Date),
        new ColumnSpec("halted", ColumnType.Boolean, Nullable: true),
        new ColumnSpec("trades", ColumnType.Int32, Nullable: true),
        new ColumnSpec("conditions", ColumnType.Int32List, Nullable: true),
        ColumnSpec.Timestamp("sip", TimeUnit.Nanos),
    ]);

    [Theory]
    [InlineData(ParquetCompression.None)]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.Gzip)]
    [InlineData(ParquetCompression.Brotli)]
    public async Task ReadColumn_OwnWriterFile_RoundTripsEveryValue(ParquetCompression compression)
    {
        // Given 25,000 seeded rows in row groups of 10,000 and pages of 3,000
        using var dir = new TempDirectory();
        var path = dir.Combine("bars.parquet");
        var rows = Rows.Generate(25_000, seed: (int)compression + 1);
        await WriteAsync(path, rows, new ParquetWriterOptions { Compression = compression, RowGroupRows = 10_000, PageRows = 3_000 });

        // When
        using var reader = ParquetFileReader.Open(path);

        // Then
        Assert.Equal(3, reader.RowGroupCount);
        Assert.Equal(rows.Count, reader.RowCount);
        Assert.StartsWith("smallcaps version ", reader.CreatedBy, StringComparison.Ordinal);
        Assert.Equal(Schema.Columns, reader.Columns.Select(c => c.Spec));
        Assert.Equal(rows.Select(r => r.Ts), reader.ReadColumn("ts").Int64Values!);
        Assert.Equal(rows.Select(r => r.Ticker), Strings(reader.ReadColumn("ticker")));
        Assert.Equal(rows.Select(r => r.Exchange), Strings(reader.ReadColumn("exchange")));
        Assert.Equal(rows.Select(r => r.Note), Strings(reader.ReadColumn("note")));
        Assert.Equal(rows.Select(r => r.Open), reader.ReadColumn("open").DoubleValues!);
        var vwap = reader.ReadColumn("vwap");
        Assert.Equal(rows.Select(r => r.Vwap), Enumerable.Range(0, vwap.ValueCount).Select(i => vwap.IsNull(i) ? (double?)null : vwap.DoubleValues![i]));
        Assert.Equal(rows.Select(r => r.Volume), reader.ReadColumn("volume").Int64Values!);
        Assert.Equal(rows.Select(r => r.Day), reader.ReadColumn("day").Int32Values!);
        var halted = reader.ReadColumn("halted");
        Assert.Equal(rows.Select(r => r.Halted), Enumerable.Range(0, halted.ValueCount).Select(i => halted.IsNull(i) ? (bool?)null : halted.BooleanValues![i]));
        var trades = reader.ReadColumn("trades");
        Assert.Equal(rows.Select(r => r.Trades), Enumerable.Range(0, trades.ValueCount).Select(i => trades.IsNull(i) ? (int?)null : trades.Int32Values![i]));
        var lists = reader.ReadColumn("conditions").ToInt32Lists();
        Assert.Equal(rows.Select(r => r.Conditions is null ? "null" : string.Join(',', r.Conditions)), lists.Select(l => l is null ? "null" : string.Join(',', l)));
        Assert.Equal(rows.Select(r => r.Sip), reader.ReadColumn("sip").Int64Values!);
    }

    [Fact]
    public async Task RowGroups_OwnWriterFile_StatisticsMatchTheData()
    {
        // Given
        using var dir = new TempDirectory();
        var path = dir.Combine("bars.parquet");
        var rows = Rows.Generate(5_000, seed: 9);
        await WriteAsync(path, rows, new ParquetWriterOptions());

        // When
        using var reader = ParquetFileReader.Open(path);
        var chunks = reader.RowGroups[0].Columns;

        // Then
        var volume = chunks[reader.IndexOf("volume")].Statistics!;
        Assert.Equal(rows.Min(r => r.Volume), volume.Min);
        Assert.Equal(rows.Max(r => r.Volume), volume.Max);
        Assert.Equal(0L, volume.NullCount);
        var vwap = chunks[reader.IndexOf("vwap")].Statistics!;
        Assert.Equal(rows.Count(r => r.Vwap is null), vwap.NullCount);
        Assert.Equal(rows.Where(r => r.Vwap is not null).Min(r => r.Vwap), vwap.Min);
        var ticker = chunks[reader.IndexOf("ticker")];
        Assert.Equal(rows.Select(r => r.Ticker).Min(StringComparer.Ordinal), ticker.Statistics!.Min);
        Assert.True(ticker.UsesDictionary);
        Assert.Equal("SNAPPY", ticker.Codec);
    }

    [Fact]
    public async Task ReadColumn_EmptyOwnWriterFile_HasNoRowGroups()
    {
        // Given
        using var dir = new TempDirectory();
        var path = dir.Combine("empty.parquet");
        await WriteAsync(path, [], new ParquetWriterOptions());

        // When
        using var reader = ParquetFileReader.Open(path);

        // Then
        Assert.Equal(0, reader.RowCount);
        Assert.Equal(Schema.Columns.Count, reader.Columns.Count);
        Assert.Empty(reader.ReadColumn("open").DoubleValues ?? []);
    }

    private static IEnumerable<string?> Strings(ColumnData data) => Enumerable.Range(0, data.ValueCount).Select(data.GetString);

    /// <summary>Writes <paramref name="count"/> seeded sample rows covering every column kind.</summary>
    internal static Task WriteSampleAsync(string path, int count, int seed, ParquetWriterOptions options) => WriteAsync(path, Rows.Generate(count, seed), options);

    private static async Task WriteAsync(string path, IReadOnlyList<Rows.Row> rows, ParquetWriterOptions options)
    {
        await using var writer = ParquetFileWriter.CreateFile(path, Schema, options);
        var batch = new ColumnBatch(Schema, 4096);
        for (var start = 0; start < rows.Count; start += 4096)
        {
            batch.Clear();
            foreach (var r in rows.Skip(start).Take(4096))
            {
                batch.Int64Column(0).Append(r.Ts);
                batch.StringColumn(1).Append(r.Ticker);
                batch.StringColumn(2).Append(r.Exchange);
                batch.StringColumn(3).Append(r.Note);
                batch.DoubleColumn(4).Append(r.Open);
                AppendOrNull(batch.DoubleColumn(5), r.Vwap, (b, v) => b.Append(v));
                batch.Int64Column(6).Append(r.Volume);
                batch.Int32Column(7).Append(r.Day);
                AppendOrNull(batch.BooleanColumn(8), r.Halted, (b, v) => b.Append(v));
                AppendOrNull(batch.Int32Column(9), r.Trades, (b, v) => b.Append(v));
                if (r.Conditions is null)
                {
                    batch.Int32ListColumn(10).AppendNull();
                }
                else
                {
                    batch.Int32ListColumn(10).AppendList(r.Conditions);
                }

                batch.Int64Column(11).Append(r.Sip);
            }

            await writer.WriteAsync(batch);
        }

        await writer.CompleteAsync();
    }

    private static void AppendOrNull<TBuffer, TValue>(TBuffer buffer, TValue? value, Action<TBuffer, TValue> append)
        where TBuffer : ColumnBuffer
        where TValue : struct
    {
        if (value is { } v)
        {
            append(buffer, v);
        }
        else
        {
            buffer.AppendNull();
        }
    }

    private static class Rows
    {
        public static List<Row> Generate(int count, int seed)
        {
            var random = new Random(seed);
            string[] tickers = ["ABCD", "XYZ", "QQQQ", "ZZ", "MÜNZ"];
            string?[] exchanges = ["XNAS", "XNYS", null];
            var rows = new List<Row>(count);
            for (var i = 0; i < count; i++)
            {
                rows.Add(new Row(
                    1_700_000_000_000 + (i * 60_000L),
                    tickers[random.Next(tickers.Length)],
                    exchanges[random.Next(exchanges.Length)],
                    random.Next(4) == 0 ? null : random.Next(3) == 0 ? string.Empty : new string('n', random.Next(1, 40)) + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Math.Round(random.NextDouble() * 100, 4),
                    random.Next(5) == 0 ? null : random.NextDouble() * 100,
                    random.NextInt64(0, 10_000_000_000),
                    19_000 + (i / 390),
                    random.Next(3) switch { 0 => null, 1 => true, _ => false },
                    random.Next(6) == 0 ? null : random.Next(-5, 100_000),
                    random.Next(5) switch { 0 => null, 1 => [], _ => Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(0, 60)).ToArray() },
                    1_700_000_000_000_000_000 + (i * 1_000_003L)));
            }

            return rows;
        }

        public sealed record Row(long Ts, string Ticker, string? Exchange, string? Note, double Open, double? Vwap, long Volume, int Day, bool? Halted, int? Trades, int[]? Conditions, long Sip);
    }
}
