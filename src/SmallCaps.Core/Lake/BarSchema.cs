using SmallCaps.Parquet;

namespace SmallCaps.Core.Lake;

/// <summary>
/// Columns of a bar file: ticker (dictionary string), t (TIMESTAMP ms UTC, bar start),
/// session_date (DATE, New York date of t), o, h, l, c, v (double), vw (double, null when the
/// vendor omits it), n (int64, null when omitted), otc (boolean, false when omitted). Prices, vw and n opt in to
/// dictionary encoding: prices repeat within a chunk, so files come out ~15% smaller. t and session_date are
/// DELTA_BINARY_PACKED (ascending minutes pack into a few bits each) and v is BYTE_STREAM_SPLIT (whole-number volumes
/// leave zero byte streams the codec squeezes out): against PLAIN + Snappy that makes minute files about a third smaller
/// and those columns several times cheaper to write (bench `bar-files`); DuckDB, polars (1.0+), pyarrow and arrow-rs read
/// both encodings. vw keeps PLAIN after its dictionary: BYTE_STREAM_SPLIT there halves its CPU but grows it ~20%.
/// </summary>
public static class BarSchema
{
    /// <summary>Column indexes, in file order.</summary>
    public const int Ticker = 0, T = 1, SessionDate = 2, O = 3, H = 4, L = 5, C = 6, V = 7, Vw = 8, N = 9, Otc = 10;

    /// <summary>The schema shared by daily and minute files.</summary>
    public static ParquetSchema Schema { get; } = new(
    [
        ColumnSpec.String("ticker"),
        ColumnSpec.Timestamp("t", TimeUnit.Millis, ColumnEncoding.DeltaBinaryPacked),
        new ColumnSpec("session_date", ColumnType.Date, Encoding: ColumnEncoding.DeltaBinaryPacked),
        new ColumnSpec("o", ColumnType.Double, Dictionary: true),
        new ColumnSpec("h", ColumnType.Double, Dictionary: true),
        new ColumnSpec("l", ColumnType.Double, Dictionary: true),
        new ColumnSpec("c", ColumnType.Double, Dictionary: true),
        new ColumnSpec("v", ColumnType.Double, Encoding: ColumnEncoding.ByteStreamSplit),
        new ColumnSpec("vw", ColumnType.Double, Nullable: true, Dictionary: true),
        new ColumnSpec("n", ColumnType.Int64, Nullable: true, Dictionary: true),
        new ColumnSpec("otc", ColumnType.Boolean),
    ]);
}
