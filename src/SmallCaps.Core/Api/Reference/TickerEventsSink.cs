using System.Text.Json;

namespace SmallCaps.Core.Api.Reference;

/// <summary>Decodes the single <c>results</c> object of the ticker events endpoint, keeping only ticker_change events.</summary>
internal sealed class TickerEventsSink : IPageRowSink
{
    public TickerEvents? Result { get; private set; }

    public void Reset() => Result = null;

    public void ReadRow(ref Utf8JsonReader reader)
    {
        string? name = null, figi = null, cik = null;
        var changes = new List<TickerChangeEvent>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("composite_figi"u8))
            {
                figi = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("cik"u8))
            {
                cik = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("events"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    if (ReadEvent(ref reader) is { } change)
                    {
                        changes.Add(change);
                    }
                }
            }
            else
            {
                ReferenceJson.SkipValue(ref reader);
            }
        }

        Result = new TickerEvents(name, figi, cik, changes);
    }

    private static TickerChangeEvent? ReadEvent(ref Utf8JsonReader reader)
    {
        string? type = null, date = null, ticker = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                type = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("date"u8))
            {
                date = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("ticker_change"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("ticker"u8))
                    {
                        ticker = ReferenceJson.ReadString(ref reader);
                    }
                    else
                    {
                        ReferenceJson.SkipValue(ref reader);
                    }
                }
            }
            else
            {
                ReferenceJson.SkipValue(ref reader);
            }
        }

        return type == "ticker_change" && ticker is not null ? new TickerChangeEvent(ticker, date) : null;
    }
}
