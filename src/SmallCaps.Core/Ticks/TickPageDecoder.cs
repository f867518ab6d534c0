using System.Buffers;
using System.Text.Json;
using SmallCaps.Core.Api;

namespace SmallCaps.Core.Ticks;

/// <summary>Decodes a /v3/trades or /v3/quotes body into a reusable <see cref="TickPage"/>.</summary>
internal static class TickPageDecoder
{
    public static TickPage Decode(ReadOnlySequence<byte> body, TickPage page)
    {
        JsonPageReader.Read(body, page.Envelope, new TickRowReader(page));
        page.HadResultsArray = page.Count > 0 || ResultsIsArray(body);
        return page;
    }

    public static TickPage Decode(ReadOnlyMemory<byte> body, TickPage page) => Decode(new ReadOnlySequence<byte>(body), page);

    // Only empty pages get this second look: an empty array is believed, a null or missing one is re-asked.
    private static bool ResultsIsArray(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isResults = reader.ValueTextEquals("results"u8);
            reader.Read();
            if (isResults)
            {
                return reader.TokenType == JsonTokenType.StartArray;
            }

            reader.Skip();
        }

        return false;
    }
}
