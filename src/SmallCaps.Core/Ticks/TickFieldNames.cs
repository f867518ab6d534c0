namespace SmallCaps.Core.Ticks;

/// <summary>Maps a JSON property name (UTF-8) of a trade or quote to its <see cref="TickField"/>.</summary>
internal static class TickFieldNames
{
    public static TickField Identify(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("id"u8) => TickField.Id,
        4 when name.SequenceEqual("size"u8) => TickField.Size,
        4 when name.SequenceEqual("tape"u8) => TickField.Tape,
        5 when name.SequenceEqual("price"u8) => TickField.Price,
        6 when name.SequenceEqual("trf_id"u8) => TickField.TrfId,
        8 when name.SequenceEqual("exchange"u8) => TickField.Exchange,
        8 when name.SequenceEqual("bid_size"u8) => TickField.BidSize,
        8 when name.SequenceEqual("ask_size"u8) => TickField.AskSize,
        9 when name.SequenceEqual("bid_price"u8) => TickField.BidPrice,
        9 when name.SequenceEqual("ask_price"u8) => TickField.AskPrice,
        10 when name.SequenceEqual("conditions"u8) => TickField.Conditions,
        10 when name.SequenceEqual("correction"u8) => TickField.Correction,
        10 when name.SequenceEqual("indicators"u8) => TickField.Indicators,
        12 when name.SequenceEqual("bid_exchange"u8) => TickField.BidExchange,
        12 when name.SequenceEqual("ask_exchange"u8) => TickField.AskExchange,
        12 when name.SequenceEqual("decimal_size"u8) => TickField.DecimalSize,
        13 when name.SequenceEqual("sip_timestamp"u8) => TickField.SipTimestamp,
        13 when name.SequenceEqual("trf_timestamp"u8) => TickField.TrfTimestamp,
        15 when name.SequenceEqual("sequence_number"u8) => TickField.SequenceNumber,
        21 when name.SequenceEqual("participant_timestamp"u8) => TickField.ParticipantTimestamp,
        _ => TickField.Unknown,
    };
}
