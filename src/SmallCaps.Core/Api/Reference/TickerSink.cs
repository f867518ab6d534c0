using System.Text.Json;

namespace SmallCaps.Core.Api.Reference;

/// <summary>Decodes ticker objects (list rows or the single details object) into <see cref="TickerRecord"/>s.</summary>
internal sealed class TickerSink : IPageRowSink
{
    public List<TickerRecord> Rows { get; } = [];

    public void Reset() => Rows.Clear();

    public void ReadRow(ref Utf8JsonReader reader)
    {
        var row = new TickerRecord();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ticker"u8))
            {
                row.Ticker = ReferenceJson.ReadString(ref reader) ?? "";
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                row.Name = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("market"u8))
            {
                row.Market = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("locale"u8))
            {
                row.Locale = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("primary_exchange"u8))
            {
                row.PrimaryExchange = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                row.Type = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("active"u8))
            {
                row.Active = ReferenceJson.ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("currency_name"u8))
            {
                row.CurrencyName = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("cik"u8))
            {
                row.Cik = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("composite_figi"u8))
            {
                row.CompositeFigi = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("share_class_figi"u8))
            {
                row.ShareClassFigi = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("last_updated_utc"u8))
            {
                row.LastUpdatedUtc = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("delisted_utc"u8))
            {
                row.DelistedUtc = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("list_date"u8))
            {
                row.ListDate = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("market_cap"u8))
            {
                row.MarketCap = ReferenceJson.ReadDouble(ref reader);
            }
            else if (reader.ValueTextEquals("sic_code"u8))
            {
                row.SicCode = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("sic_description"u8))
            {
                row.SicDescription = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("share_class_shares_outstanding"u8))
            {
                row.ShareClassSharesOutstanding = ReferenceJson.ReadDouble(ref reader);
            }
            else if (reader.ValueTextEquals("weighted_shares_outstanding"u8))
            {
                row.WeightedSharesOutstanding = ReferenceJson.ReadDouble(ref reader);
            }
            else if (reader.ValueTextEquals("total_employees"u8))
            {
                row.TotalEmployees = ReferenceJson.ReadInt64(ref reader);
            }
            else
            {
                ReferenceJson.SkipValue(ref reader);
            }
        }

        if (row.Ticker.Length > 0)
        {
            Rows.Add(row);
        }
    }
}
