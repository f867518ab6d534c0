using System.Text.Json;

namespace SmallCaps.Core.Api.Reference;

/// <summary>Decodes dividend rows.</summary>
internal sealed class DividendSink : IPageRowSink
{
    public List<DividendRecord> Rows { get; } = [];

    public void Reset() => Rows.Clear();

    public void ReadRow(ref Utf8JsonReader reader)
    {
        string? ticker = null, ex = null, pay = null, record = null, declaration = null, type = null, id = null;
        double? cash = null;
        long? frequency = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ticker"u8))
            {
                ticker = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("cash_amount"u8))
            {
                cash = ReferenceJson.ReadDouble(ref reader);
            }
            else if (reader.ValueTextEquals("ex_dividend_date"u8))
            {
                ex = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("pay_date"u8))
            {
                pay = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("record_date"u8))
            {
                record = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("declaration_date"u8))
            {
                declaration = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("frequency"u8))
            {
                frequency = ReferenceJson.ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("dividend_type"u8))
            {
                type = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                id = ReferenceJson.ReadString(ref reader);
            }
            else
            {
                ReferenceJson.SkipValue(ref reader);
            }
        }

        Rows.Add(new DividendRecord(ticker ?? "", cash, ex, pay, record, declaration, frequency, type, id));
    }
}
