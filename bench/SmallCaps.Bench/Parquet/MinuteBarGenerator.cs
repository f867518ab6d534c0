using SmallCaps.Parquet;
namespace SmallCaps.Bench.Parquet;

/// <summary>Deterministic minute bars: a few tickers, each a random walk with ascending minute timestamps.</summary>
internal sealed class MinuteBarGenerator
{
    /// <summary>Numbers PLAIN, as PARQUET_NOTES recommends (the writer's default).</summary>
    public static readonly ParquetSchema Schema = CreateSchema(numericDictionary: false);

    /// <summary>Prices, volumes and counts opt into dictionary encoding (as DuckDB does by itself).</summary>
    public static readonly ParquetSchema DictionarySchema = CreateSchema(numericDictionary: true);

    private static readonly string[] Tickers = ["ABCD", "BBBY", "CLOV", "GME", "KOSS", "MULN", "SNDL", "ZOM"];
    private const long StartMs = 1_704_205_800_000; // 2024-01-02 14:30Z

    private readonly long _rows;
    private readonly long _rowsPerTicker;
    private readonly Random _rng = new(42);
    private long _next;
    private double _price;
    private double _anchor;

    public MinuteBarGenerator(long rows)
    {
        _rows = rows;
        _rowsPerTicker = (rows + Tickers.Length - 1) / Tickers.Length;
    }

    private static ParquetSchema CreateSchema(bool numericDictionary) => new([
        ColumnSpec.String("ticker"),
        ColumnSpec.Timestamp("t", TimeUnit.Millis),
        new ColumnSpec("o", ColumnType.Double, Dictionary: numericDictionary),
        new ColumnSpec("h", ColumnType.Double, Dictionary: numericDictionary),
        new ColumnSpec("l", ColumnType.Double, Dictionary: numericDictionary),
        new ColumnSpec("c", ColumnType.Double, Dictionary: numericDictionary),
        new ColumnSpec("v", ColumnType.Double, Dictionary: numericDictionary),
        new ColumnSpec("vw", ColumnType.Double, Dictionary: numericDictionary),
        new ColumnSpec("n", ColumnType.Int64, Dictionary: numericDictionary),
    ]);

    /// <summary>Fills the batch with up to <paramref name="max"/> rows; returns how many (0 at the end).</summary>
    public int Fill(ColumnBatch batch, int max)
    {
        batch.Clear();
        var ticker = batch.StringColumn(0);
        var t = batch.Int64Column(1);
        var o = batch.DoubleColumn(2);
        var h = batch.DoubleColumn(3);
        var l = batch.DoubleColumn(4);
        var c = batch.DoubleColumn(5);
        var v = batch.DoubleColumn(6);
        var vw = batch.DoubleColumn(7);
        var n = batch.Int64Column(8);
        var count = 0;
        while (count < max && _next < _rows)
        {
            var inTicker = _next % _rowsPerTicker;
            if (inTicker == 0)
            {
                _anchor = 2 + (_rng.NextDouble() * 20);
                _price = _anchor;
            }

            // A mean-reverting walk keeps prices realistic however many bars a ticker gets.
            var open = Math.Round(_price, 4);
            var drift = 0.002 * (_anchor - open) / _anchor;
            var close = Math.Round(Math.Max(0.01, open * (1 + drift + ((_rng.NextDouble() - 0.5) * 0.01))), 4);
            var high = Math.Round(Math.Max(open, close) * (1 + (_rng.NextDouble() * 0.003)), 4);
            var low = Math.Round(Math.Min(open, close) * (1 - (_rng.NextDouble() * 0.003)), 4);
            var volume = (double)_rng.Next(100, 50_000);
            ticker.Append(Tickers[(int)(_next / _rowsPerTicker)]);
            t.Append(StartMs + (inTicker * 60_000));
            o.Append(open);
            h.Append(high);
            l.Append(low);
            c.Append(close);
            v.Append(volume);
            vw.Append(Math.Round((open + high + low + close) / 4, 4));
            n.Append(_rng.Next(1, 400));
            _price = close;
            _next++;
            count++;
        }

        return count;
    }
}
