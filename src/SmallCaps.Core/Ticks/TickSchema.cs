using SmallCaps.Parquet;

namespace SmallCaps.Core.Ticks;

/// <summary>
/// Columns of trade and quote files: <c>ticker</c>, <c>session_date</c> (New York DATE), then every vendor field
/// under its vendor name. Timestamps are INT64 Unix ns exactly as sent (lossless above 2^53 in every reader; DuckDB
/// <c>make_timestamp_ns(sip_timestamp)</c>, polars <c>pl.from_epoch("sip_timestamp", "ns")</c>); <c>conditions</c> and
/// <c>indicators</c> are LIST&lt;INT32&gt;; every vendor field but <c>sip_timestamp</c> is nullable (absent stays null).
/// </summary>
internal sealed class TickSchema
{
    private TickSchema(TickField[] fields, ParquetSchema schema)
    {
        Fields = fields;
        Schema = schema;
    }

    /// <summary>Trades: sip, participant, trf timestamps, price, size, decimal_size, exchange, id, sequence, tape, conditions, correction, trf_id.</summary>
    public static TickSchema Trades { get; } = Create(
    [
        TickField.SipTimestamp, TickField.ParticipantTimestamp, TickField.TrfTimestamp, TickField.Price, TickField.Size, TickField.DecimalSize,
        TickField.Exchange, TickField.Id, TickField.SequenceNumber, TickField.Tape, TickField.Conditions, TickField.Correction, TickField.TrfId,
    ]);

    /// <summary>Quotes: sip, participant, trf timestamps, bid and ask price/size/exchange, sequence, tape, conditions, indicators.</summary>
    public static TickSchema Quotes { get; } = Create(
    [
        TickField.SipTimestamp, TickField.ParticipantTimestamp, TickField.TrfTimestamp, TickField.BidPrice, TickField.BidSize, TickField.BidExchange,
        TickField.AskPrice, TickField.AskSize, TickField.AskExchange, TickField.SequenceNumber, TickField.Tape, TickField.Conditions, TickField.Indicators,
    ]);

    /// <summary>Vendor fields, in file order after ticker and session_date.</summary>
    public TickField[] Fields { get; }

    public ParquetSchema Schema { get; }

    public static TickSchema For(TickKind kind) => kind == TickKind.Trades ? Trades : Quotes;

    /// <summary>The vendor's name of a field (also its column name).</summary>
    public static string NameOf(TickField field) => field switch
    {
        TickField.SipTimestamp => "sip_timestamp",
        TickField.ParticipantTimestamp => "participant_timestamp",
        TickField.TrfTimestamp => "trf_timestamp",
        TickField.SequenceNumber => "sequence_number",
        TickField.Tape => "tape",
        TickField.Conditions => "conditions",
        TickField.Price => "price",
        TickField.Size => "size",
        TickField.Exchange => "exchange",
        TickField.Id => "id",
        TickField.Correction => "correction",
        TickField.TrfId => "trf_id",
        TickField.DecimalSize => "decimal_size",
        TickField.BidPrice => "bid_price",
        TickField.BidSize => "bid_size",
        TickField.BidExchange => "bid_exchange",
        TickField.AskPrice => "ask_price",
        TickField.AskSize => "ask_size",
        TickField.AskExchange => "ask_exchange",
        TickField.Indicators => "indicators",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>Appends row <paramref name="row"/> of <paramref name="page"/> to <paramref name="batch"/>.</summary>
    public void AppendRow(ColumnBatch batch, string ticker, int sessionDay, TickPage page, int row)
    {
        batch.StringColumn(0).Append(ticker);
        batch.Int32Column(1).Append(sessionDay);
        for (var f = 0; f < Fields.Length; f++)
        {
            var c = f + 2;
            switch (Fields[f])
            {
                case TickField.SipTimestamp: batch.Int64Column(c).Append(page.SipTimestamp[row]); break;
                case TickField.ParticipantTimestamp: Int64(batch, c, page.ParticipantTimestamp, row); break;
                case TickField.TrfTimestamp: Int64(batch, c, page.TrfTimestamp, row); break;
                case TickField.SequenceNumber: Int64(batch, c, page.SequenceNumber, row); break;
                case TickField.Tape: Int32(batch, c, page.Tape, row); break;
                case TickField.Conditions: List(batch, c, page.Conditions, row); break;
                case TickField.Price: Double(batch, c, page.Price, row); break;
                case TickField.Size: Double(batch, c, page.Size, row); break;
                case TickField.Exchange: Int32(batch, c, page.Exchange, row); break;
                case TickField.Id: Text(batch, c, page.Id, row); break;
                case TickField.Correction: Int32(batch, c, page.Correction, row); break;
                case TickField.TrfId: Int32(batch, c, page.TrfId, row); break;
                case TickField.DecimalSize: Text(batch, c, page.DecimalSize, row); break;
                case TickField.BidPrice: Double(batch, c, page.BidPrice, row); break;
                case TickField.BidSize: Double(batch, c, page.BidSize, row); break;
                case TickField.BidExchange: Int32(batch, c, page.BidExchange, row); break;
                case TickField.AskPrice: Double(batch, c, page.AskPrice, row); break;
                case TickField.AskSize: Double(batch, c, page.AskSize, row); break;
                case TickField.AskExchange: Int32(batch, c, page.AskExchange, row); break;
                case TickField.Indicators: List(batch, c, page.Indicators, row); break;
            }
        }
    }

    private static TickSchema Create(TickField[] fields)
    {
        var columns = new List<ColumnSpec> { ColumnSpec.String("ticker"), new("session_date", ColumnType.Date) };
        foreach (var f in fields)
        {
            var name = NameOf(f);
            columns.Add(f switch
            {
                // Plain INT64 ns, as the vendor sends them: DuckDB reads TIMESTAMP(NANOS, UTC) as a microsecond TIMESTAMPTZ and would drop digits.
                TickField.SipTimestamp => new ColumnSpec(name, ColumnType.Int64),
                TickField.ParticipantTimestamp or TickField.TrfTimestamp => new ColumnSpec(name, ColumnType.Int64, Nullable: true),
                TickField.SequenceNumber => new ColumnSpec(name, ColumnType.Int64, Nullable: true),
                TickField.Conditions or TickField.Indicators => new ColumnSpec(name, ColumnType.Int32List, Nullable: true),
                TickField.Price or TickField.Size or TickField.BidPrice or TickField.BidSize or TickField.AskPrice or TickField.AskSize => new ColumnSpec(name, ColumnType.Double, Nullable: true),
                TickField.Id => ColumnSpec.String(name, nullable: true, dictionary: false),
                TickField.DecimalSize => ColumnSpec.String(name, nullable: true, dictionary: false),
                _ => new ColumnSpec(name, ColumnType.Int32, Nullable: true),
            });
        }

        return new TickSchema(fields, new ParquetSchema(columns));
    }

    private static void Int64(ColumnBatch batch, int c, OptionalColumn<long> column, int row)
    {
        if (column.Has(row))
        {
            batch.Int64Column(c).Append(column[row]);
        }
        else
        {
            batch.Int64Column(c).AppendNull();
        }
    }

    private static void Int32(ColumnBatch batch, int c, OptionalColumn<int> column, int row)
    {
        if (column.Has(row))
        {
            batch.Int32Column(c).Append(column[row]);
        }
        else
        {
            batch.Int32Column(c).AppendNull();
        }
    }

    private static void Double(ColumnBatch batch, int c, OptionalColumn<double> column, int row)
    {
        if (column.Has(row))
        {
            batch.DoubleColumn(c).Append(column[row]);
        }
        else
        {
            batch.DoubleColumn(c).AppendNull();
        }
    }

    private static void List(ColumnBatch batch, int c, OptionalListColumn<int> column, int row)
    {
        if (column.Has(row))
        {
            batch.Int32ListColumn(c).AppendList(column.Row(row));
        }
        else
        {
            batch.Int32ListColumn(c).AppendNull();
        }
    }

    private static void Text(ColumnBatch batch, int c, OptionalListColumn<byte> column, int row)
    {
        if (column.Has(row))
        {
            batch.StringColumn(c).Append(column.Row(row));
        }
        else
        {
            batch.StringColumn(c).AppendNull();
        }
    }
}
