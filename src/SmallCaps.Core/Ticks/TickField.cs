namespace SmallCaps.Core.Ticks;

/// <summary>The fields of a trade or quote result the decoder knows.</summary>
internal enum TickField
{
    Unknown,
    SipTimestamp,
    ParticipantTimestamp,
    TrfTimestamp,
    SequenceNumber,
    Tape,
    Conditions,
    Price,
    Size,
    Exchange,
    Id,
    Correction,
    TrfId,
    DecimalSize,
    BidPrice,
    BidSize,
    BidExchange,
    AskPrice,
    AskSize,
    AskExchange,
    Indicators,
}
