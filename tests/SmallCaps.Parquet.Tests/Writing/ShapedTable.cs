namespace SmallCaps.Parquet.Tests.Writing;

/// <summary>Seeded rows for any flat schema: repeated and distinct values, nulls, NaN and signed zeros, empty and null lists.</summary>
internal static class ShapedTable
{
    private static readonly string[] Tickers = ["AAPL", "GME", "MULN", "ZOM", "Ünïcode"];

    /// <summary>Appends <paramref name="rows"/> rows to the (cleared) batch.</summary>
    public static void Fill(ColumnBatch batch, int rows, Random rng)
    {
        batch.Clear();
        for (var c = 0; c < batch.Schema.Columns.Count; c++)
        {
            var spec = batch.Schema.Columns[c];
            for (var r = 0; r < rows; r++)
            {
                if (spec.Nullable && rng.Next(10) == 0)
                {
                    batch.Column(c).AppendNull();
                    continue;
                }

                switch (spec.Type)
                {
                    case ColumnType.String:
                        batch.StringColumn(c).Append(rng.Next(4) == 0 ? $"id-{rng.Next(100_000)}" : Tickers[rng.Next(Tickers.Length)]);
                        break;
                    case ColumnType.Double:
                        batch.DoubleColumn(c).Append(rng.Next(50) switch
                        {
                            0 => double.NaN,
                            1 => -0.0,
                            2 => 0.0,
                            < 30 => Math.Round(5 + rng.Next(300) / 100.0, 2),
                            _ => rng.NextDouble() * 1000,
                        });
                        break;
                    case ColumnType.Int64 or ColumnType.Timestamp:
                        batch.Int64Column(c).Append(rng.Next(3) == 0 ? rng.NextInt64() : rng.Next(200));
                        break;
                    case ColumnType.Int32 or ColumnType.Date:
                        batch.Int32Column(c).Append(rng.Next(3) == 0 ? rng.Next() : rng.Next(-50, 50));
                        break;
                    case ColumnType.Boolean:
                        batch.BooleanColumn(c).Append(rng.Next(2) == 0);
                        break;
                    case ColumnType.Int32List:
                        var list = batch.Int32ListColumn(c);
                        list.AppendList([.. Enumerable.Range(0, rng.Next(4)).Select(_ => rng.Next(60))]);
                        break;
                    default:
                        throw new NotSupportedException(spec.Type.ToString());
                }
            }
        }
    }
}
