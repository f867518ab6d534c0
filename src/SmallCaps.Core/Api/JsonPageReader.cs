using System.Buffers;
using System.Text.Json;

namespace SmallCaps.Core.Api;

/// <summary>
/// Decodes one Massive page with <see cref="Utf8JsonReader"/>: the envelope fields go to a
/// <see cref="PageEnvelope"/>, each element of <c>results</c> to an <see cref="IPageRowSink"/>. No DOM, no
/// whole-body string; unknown fields (nested or not) are skipped. Works on single- or multi-segment bodies.
/// </summary>
internal static class JsonPageReader
{
    /// <summary>Decodes <paramref name="body"/>; throws <see cref="PageFormatException"/> on invalid, truncated or misshapen bodies.</summary>
    public static void Read<TSink>(ReadOnlySequence<byte> body, PageEnvelope envelope, TSink sink)
        where TSink : IPageRowSink
    {
        envelope.Reset();
        sink.Reset();
        if (body.IsEmpty)
        {
            throw new PageFormatException("The response body is empty.", isTransient: true);
        }

        var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
        try
        {
            ReadEnvelope(ref reader, envelope, sink);
        }
        catch (JsonException ex)
        {
            // Syntax errors are almost always a body cut short in transit: worth a retry.
            throw new PageFormatException($"The response body is not valid JSON (truncated?) near byte {reader.BytesConsumed.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {ex.Message}", isTransient: true, ex);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader getters throw this for a value of the wrong type (e.g. a string where a number belongs).
            throw new PageFormatException($"The response body has a value of an unexpected type: {ex.Message}", isTransient: false, ex);
        }
        catch (FormatException ex)
        {
            throw new PageFormatException($"The response body has a malformed value: {ex.Message}", isTransient: false, ex);
        }
    }

    private static void ReadEnvelope<TSink>(ref Utf8JsonReader reader, PageEnvelope envelope, TSink sink)
        where TSink : IPageRowSink
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new PageFormatException("The response body is not a JSON object.", isTransient: true);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("results"u8))
            {
                reader.Read();
                envelope.HasResults = reader.TokenType != JsonTokenType.Null;
                ReadResults(ref reader, sink);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                envelope.Status = ReadStatus(ref reader);
            }
            else if (reader.ValueTextEquals("request_id"u8))
            {
                envelope.RequestId = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("next_url"u8))
            {
                envelope.NextUrl = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("resultsCount"u8))
            {
                envelope.ResultsCount = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("queryCount"u8))
            {
                envelope.QueryCount = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("count"u8))
            {
                envelope.Count = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("ticker"u8))
            {
                envelope.Ticker = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("adjusted"u8))
            {
                reader.Read();
                envelope.Adjusted = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => null,
                };
            }
            else if (reader.ValueTextEquals("error"u8) || reader.ValueTextEquals("message"u8))
            {
                var text = ReadString(ref reader);
                envelope.VendorMessage ??= text;
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new PageFormatException("The response body ended inside the top-level object.", isTransient: true);
        }

        // A complete document has nothing after its root; Read throws on trailing garbage.
        if (reader.Read())
        {
            throw new PageFormatException("The response body has data after the top-level object.", isTransient: true);
        }
    }

    private static void ReadResults<TSink>(ref Utf8JsonReader reader, TSink sink)
        where TSink : IPageRowSink
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return;
            case JsonTokenType.StartObject:
                // Single-object endpoints (ticker details) put one row here.
                sink.ReadRow(ref reader);
                return;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new PageFormatException($"'results' holds a {reader.TokenType} where an object belongs.", isTransient: false);
                    }

                    sink.ReadRow(ref reader);
                }

                return;
            default:
                throw new PageFormatException($"'results' is a {reader.TokenType}, not an array.", isTransient: false);
        }
    }

    private static string? ReadStatus(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        // The two everyday values need no allocation.
        if (reader.ValueTextEquals("OK"u8))
        {
            return "OK";
        }

        return reader.ValueTextEquals("DELAYED"u8) ? "DELAYED" : reader.GetString();
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static int? ReadInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : null;
    }
}
