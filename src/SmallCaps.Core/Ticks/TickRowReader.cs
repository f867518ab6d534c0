using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SmallCaps.Core.Api;

namespace SmallCaps.Core.Ticks;

/// <summary>
/// Reads trade and quote results straight into a <see cref="TickPage"/>. Timestamps and sequence numbers are
/// read as int64 (values above 2^53 never pass through a double); unknown fields are skipped.
/// </summary>
internal sealed class TickRowReader(TickPage page) : IPageRowSink
{
    /// <inheritdoc />
    public void Reset() => page.Reset();

    /// <inheritdoc />
    public void ReadRow(ref Utf8JsonReader reader)
    {
        page.AddRow();
        var hasSip = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(ref reader);
            reader.Read();
            if (field == TickField.Unknown || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
                continue;
            }

            switch (field)
            {
                case TickField.SipTimestamp: page.SipTimestamp.Set(ReadExactInt64(ref reader, "sip_timestamp")); hasSip = true; break;
                case TickField.ParticipantTimestamp: page.ParticipantTimestamp.Set(ReadExactInt64(ref reader, "participant_timestamp")); break;
                case TickField.TrfTimestamp: page.TrfTimestamp.Set(ReadExactInt64(ref reader, "trf_timestamp")); break;
                case TickField.SequenceNumber: page.SequenceNumber.Set(ReadExactInt64(ref reader, "sequence_number")); break;
                case TickField.Tape: page.Tape.Set(ReadInt32(ref reader, "tape")); break;
                case TickField.Conditions: ReadList(ref reader, page.Conditions, "conditions"); break;
                case TickField.Price: page.Price.Set(JsonNumbers.GetDouble(ref reader)); break;
                case TickField.Size: page.Size.Set(JsonNumbers.GetDouble(ref reader)); break;
                case TickField.Exchange: page.Exchange.Set(ReadInt32(ref reader, "exchange")); break;
                case TickField.Id: ReadText(ref reader, page.Id); break;
                case TickField.Correction: page.Correction.Set(ReadInt32(ref reader, "correction")); break;
                case TickField.TrfId: page.TrfId.Set(ReadInt32(ref reader, "trf_id")); break;
                case TickField.DecimalSize: ReadText(ref reader, page.DecimalSize); break;
                case TickField.BidPrice: page.BidPrice.Set(JsonNumbers.GetDouble(ref reader)); break;
                case TickField.BidSize: page.BidSize.Set(JsonNumbers.GetDouble(ref reader)); break;
                case TickField.BidExchange: page.BidExchange.Set(ReadInt32(ref reader, "bid_exchange")); break;
                case TickField.AskPrice: page.AskPrice.Set(JsonNumbers.GetDouble(ref reader)); break;
                case TickField.AskSize: page.AskSize.Set(JsonNumbers.GetDouble(ref reader)); break;
                case TickField.AskExchange: page.AskExchange.Set(ReadInt32(ref reader, "ask_exchange")); break;
                case TickField.Indicators: ReadList(ref reader, page.Indicators, "indicators"); break;
                default: reader.Skip(); break;
            }
        }

        if (!hasSip)
        {
            throw new PageFormatException($"Tick {(page.Count - 1).ToString(CultureInfo.InvariantCulture)} has no sip_timestamp.", isTransient: false);
        }
    }

    private static TickField Identify(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return TickFieldNames.Identify(reader.ValueSpan);
        }

        // Rare path: an escaped name or one split across body segments.
        return TickFieldNames.Identify(Encoding.UTF8.GetBytes(reader.GetString() ?? string.Empty));
    }

    // ns timestamps exceed 2^53: only an exact integer token is accepted.
    private static long ReadExactInt64(ref Utf8JsonReader reader, string name) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value)
            ? value
            : throw new PageFormatException($"Tick field '{name}' is not an int64.", isTransient: false);

    private static int ReadInt32(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
        {
            return value;
        }

        var d = reader.TokenType == JsonTokenType.Number ? JsonNumbers.GetDouble(ref reader) : double.NaN;
        if (d != Math.Floor(d) || d < int.MinValue || d > int.MaxValue)
        {
            throw new PageFormatException($"Tick field '{name}' is not an integer.", isTransient: false);
        }

        return (int)d;
    }

    private static void ReadList(ref Utf8JsonReader reader, OptionalListColumn<int> column, string name)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new PageFormatException($"Tick field '{name}' is not an array.", isTransient: false);
        }

        column.MarkPresent();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            column.Append(ReadInt32(ref reader, name));
        }
    }

    private static void ReadText(ref Utf8JsonReader reader, OptionalListColumn<byte> column)
    {
        column.MarkPresent();
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number && !reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            column.Append(reader.ValueSpan);
            return;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                var written = reader.CopyString(buffer);
                column.Append(buffer.AsSpan(0, written));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return;
        }

        if (reader.TokenType == JsonTokenType.Number)
        {
            column.Append(reader.ValueSequence.ToArray());
            return;
        }

        throw new PageFormatException("Tick text field is neither a string nor a number.", isTransient: false);
    }
}
