using System.Text;

namespace SmallCaps.Parquet.Tests.Writing;

/// <summary>A deterministic random table over every supported column type, with the expected values and per-row-group statistics.</summary>
internal sealed class RandomTable
{
    private static readonly string[] Tickers = ["AAPL", "MSFT", "", "Zürich", "日本株", "🚀MOON", "Ａ", "a b"];

    public RandomTable(int seed, int rows, double nullRate, bool highCardinality = false, bool nanOnly = false, int numericPool = 0)
    {
        // numericPool > 0: numbers opt into dictionary encoding and come from a pool of that many values.
        var numericDictionary = numericPool > 0;
        Schema = new ParquetSchema([
            ColumnSpec.String("s_dict", nullable: true),
            ColumnSpec.String("s_req"),
            ColumnSpec.String("s_plain", nullable: true, dictionary: false),
            ColumnSpec.Timestamp("t_ms", TimeUnit.Millis),
            new ColumnSpec("t_us", ColumnType.Timestamp, Nullable: true, Unit: TimeUnit.Micros, Dictionary: numericDictionary),
            ColumnSpec.Timestamp("t_ns", TimeUnit.Nanos, nullable: true),
            new ColumnSpec("d", ColumnType.Date, Nullable: true, Dictionary: numericDictionary),
            new ColumnSpec("x", ColumnType.Double, Nullable: true, Dictionary: numericDictionary),
            new ColumnSpec("xr", ColumnType.Double, Dictionary: numericDictionary),
            new ColumnSpec("n64", ColumnType.Int64),
            new ColumnSpec("n64n", ColumnType.Int64, Nullable: true, Dictionary: numericDictionary),
            new ColumnSpec("i32", ColumnType.Int32, Nullable: true, Dictionary: numericDictionary),
            new ColumnSpec("b", ColumnType.Boolean, Nullable: true),
            new ColumnSpec("br", ColumnType.Boolean),
            new ColumnSpec("l", ColumnType.Int32List, Nullable: true),
            new ColumnSpec("lr", ColumnType.Int32List),
        ]);
        var rng = new Random(seed);
        Columns = new object?[Schema.Columns.Count][];
        for (var c = 0; c < Columns.Length; c++)
        {
            var spec = Schema.Columns[c];
            var values = new object?[rows];
            var pool = spec.Dictionary && spec.Type != ColumnType.String
                ? [-0.0, 0.0, double.NaN, .. Enumerable.Range(0, numericPool).Select(_ => Generate(spec, rng, highCardinality, nanOnly))]
                : Array.Empty<object>();
            if (spec.Type != ColumnType.Double)
            {
                pool = [.. pool.Skip(3)];
            }

            for (var r = 0; r < rows; r++)
            {
                values[r] = spec.Nullable && rng.NextDouble() < nullRate ? null
                    : pool.Length > 0 ? pool[rng.Next(pool.Length)]
                    : Generate(spec, rng, highCardinality, nanOnly);
            }

            Columns[c] = values;
        }

        RowCount = rows;
    }

    public ParquetSchema Schema { get; }

    public object?[][] Columns { get; }

    public int RowCount { get; }

    public void Append(ColumnBatch batch, int from, int count)
    {
        for (var c = 0; c < Columns.Length; c++)
        {
            var spec = Schema.Columns[c];
            for (var r = from; r < from + count; r++)
            {
                var v = Columns[c][r];
                if (v is null)
                {
                    AppendNull(batch, c, spec.Type);
                    continue;
                }

                switch (spec.Type)
                {
                    case ColumnType.String:
                        if (r % 2 == 0)
                        {
                            batch.StringColumn(c).Append((string)v);
                        }
                        else
                        {
                            batch.StringColumn(c).Append(Encoding.UTF8.GetBytes((string)v));
                        }

                        break;
                    case ColumnType.Timestamp:
                    case ColumnType.Int64: batch.Int64Column(c).Append((long)v); break;
                    case ColumnType.Date:
                    case ColumnType.Int32: batch.Int32Column(c).Append((int)v); break;
                    case ColumnType.Double: batch.DoubleColumn(c).Append((double)v); break;
                    case ColumnType.Boolean: batch.BooleanColumn(c).Append((bool)v); break;
                    case ColumnType.Int32List: batch.Int32ListColumn(c).AppendList((int[])v); break;
                }
            }
        }
    }

    /// <summary>True statistics of column <paramref name="c"/> over rows [from, from + count): nulls (lists: null or empty), min, max.</summary>
    public (long Nulls, object? Min, object? Max) Statistics(int c, int from, int count)
    {
        var type = Schema.Columns[c].Type;
        long nulls = 0;
        object? min = null;
        object? max = null;
        for (var r = from; r < from + count; r++)
        {
            var v = Columns[c][r];
            if (v is null)
            {
                nulls++;
                continue;
            }

            if (v is int[] list)
            {
                if (list.Length == 0)
                {
                    nulls++;
                }

                foreach (var e in list)
                {
                    Update(e);
                }

                continue;
            }

            if (v is double dv && double.IsNaN(dv))
            {
                continue;
            }

            Update(v);
        }

        return (nulls, min, max);

        void Update(object v)
        {
            if (min is null || Compare(type, v, min) < 0)
            {
                min = v;
            }

            if (max is null || Compare(type, v, max) > 0)
            {
                max = v;
            }
        }
    }

    public static int Compare(ColumnType type, object a, object b) => type switch
    {
        ColumnType.String => Encoding.UTF8.GetBytes((string)a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes((string)b)),
        _ => ((IComparable)a).CompareTo(b),
    };

    private static void AppendNull(ColumnBatch batch, int c, ColumnType type)
    {
        switch (type)
        {
            case ColumnType.String: batch.StringColumn(c).AppendNull(); break;
            case ColumnType.Timestamp:
            case ColumnType.Int64: batch.Int64Column(c).AppendNull(); break;
            case ColumnType.Date:
            case ColumnType.Int32: batch.Int32Column(c).AppendNull(); break;
            case ColumnType.Double: batch.DoubleColumn(c).AppendNull(); break;
            case ColumnType.Boolean: batch.BooleanColumn(c).AppendNull(); break;
            case ColumnType.Int32List: batch.Int32ListColumn(c).AppendNull(); break;
        }
    }

    private static object Generate(ColumnSpec spec, Random rng, bool highCardinality, bool nanOnly)
    {
        switch (spec.Type)
        {
            case ColumnType.String:
                if (spec.Dictionary && !highCardinality)
                {
                    return Tickers[rng.Next(Tickers.Length)];
                }

                var length = rng.Next(0, highCardinality ? 40 : 12);
                var sb = new StringBuilder();
                for (var i = 0; i < length; i++)
                {
                    sb.Append(rng.Next(10) switch { 0 => "é", 1 => "ß", 2 => "😀", 3 => "\uFF21", 4 => " ", _ => ((char)('a' + rng.Next(26))).ToString() });
                }

                return sb.ToString();
            case ColumnType.Timestamp:
                // 1900..2200, whole milliseconds/microseconds; nanos on whole microseconds (DuckDB reads them at µs).
                var ms = rng.NextInt64(-2_208_988_800_000L, 7_258_118_400_000L);
                return spec.Unit switch
                {
                    TimeUnit.Millis => ms,
                    TimeUnit.Micros => (ms * 1000) + rng.Next(1000),
                    _ => ((ms * 1000) + rng.Next(1000)) * 1000,
                };
            case ColumnType.Date:
                return rng.Next(-25_000, 47_000);
            case ColumnType.Double:
                if (nanOnly)
                {
                    return double.NaN;
                }

                return rng.Next(40) switch
                {
                    0 => double.NaN,
                    1 => double.PositiveInfinity,
                    2 => double.NegativeInfinity,
                    3 => -0.0,
                    4 => double.MaxValue,
                    5 => double.Epsilon,
                    _ => Math.Round((rng.NextDouble() * 1e6) - 5e5, rng.Next(0, 8)),
                };
            case ColumnType.Int64:
                return rng.Next(20) switch { 0 => long.MinValue, 1 => long.MaxValue, _ => rng.NextInt64(-1_000_000_000_000, 1_000_000_000_000) };
            case ColumnType.Int32:
                return rng.Next(20) switch { 0 => int.MinValue, 1 => int.MaxValue, _ => rng.Next(-100_000, 100_000) };
            case ColumnType.Boolean:
                return rng.Next(2) == 0;
            case ColumnType.Int32List:
                var n = rng.Next(5) == 0 ? 0 : rng.Next(1, 6);
                return Enumerable.Range(0, n).Select(_ => rng.Next(30) == 0 ? int.MinValue : rng.Next(-50, 500)).ToArray();
            default:
                throw new NotSupportedException();
        }
    }
}
