using SmallCaps.Parquet;

namespace SmallCaps.Core.Lake;

/// <summary>
/// Columns of a bar file: ticker (dictionary string), t (TIMESTAMP ms UTC, bar start),
/// session_date (DATE, New York date of t), o, h, l, c, v (double), vw (double, null when the
/// vendor omits it), n (int64, null when omitted), otc (boolean, false when omitted). The numeric
/// columns opt in to dictionary encoding: prices repeat within a chunk, so files come out ~15% smaller.
/// </summary>
public static class BarSchema
{
    /// <summary>Column indexes, in file order.</summary>
    public const int Ticker = 0, T = 1, SessionDate = 2, O = 3, H = 4, L = 5, C = 6, V = 7, Vw = 8, N = 9, Otc = 10;

    /// <summary>The schema shared by daily and minute files.</summary>
    public static ParquetSchema Schema { get; } = new(
    [
        ColumnSpec.String("ticker"),
        ColumnSpec.Timestamp("t", TimeUnit.Millis),
        new ColumnSpec("session_date", ColumnType.Date),
        new ColumnSpec("o", ColumnType.Double, Dictionary: true),
        new ColumnSpec("h", ColumnType.Double, Dictionary: true),
        new ColumnSpec("l", ColumnType.Double, Dictionary: true),
        new ColumnSpec("c", ColumnType.Double, Dictionary: true),
        new ColumnSpec("v", ColumnType.Double, Dictionary: true),
        new ColumnSpec("vw", ColumnType.Double, Nullable: true, Dictionary: true),
        new ColumnSpec("n", ColumnType.Int64, Nullable: true, Dictionary: true),
        new ColumnSpec("otc", ColumnType.Boolean),
    ]);
}
