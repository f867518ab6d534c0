using System.Text.Json;

namespace SmallCaps.Core.Api.Reference;

/// <summary>Decodes split rows.</summary>
internal sealed class SplitSink : IPageRowSink
{
    public List<SplitRecord> Rows { get; } = [];

    public void Reset() => Rows.Clear();

    public void ReadRow(ref Utf8JsonReader reader)
    {
        string? ticker = null, date = null, id = null;
        double? from = null, to = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ticker"u8))
            {
                ticker = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("execution_date"u8))
            {
                date = ReferenceJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("split_from"u8))
            {
                from = ReferenceJson.ReadDouble(ref reader);
            }
            else if (reader.ValueTextEquals("split_to"u8))
            {
                to = ReferenceJson.ReadDouble(ref reader);
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

        Rows.Add(new SplitRecord(ticker ?? "", date, from, to, id));
    }
}
