namespace SmallCaps.Simulator.Truth;

/// <summary>An NBBO quote exactly as the simulator serves it (sizes in round lots before 2025-11-03, shares after).</summary>
/// <param name="SipTimestamp">Unix ns (<c>sip_timestamp</c>).</param>
/// <param name="ParticipantTimestamp">Unix ns (<c>participant_timestamp</c>).</param>
/// <param name="BidPrice">Bid price.</param>
/// <param name="BidSize">Bid size.</param>
/// <param name="BidExchange">Bid exchange id.</param>
/// <param name="AskPrice">Ask price.</param>
/// <param name="AskSize">Ask size.</param>
/// <param name="AskExchange">Ask exchange id.</param>
/// <param name="SequenceNumber">Sequence number (resets daily).</param>
/// <param name="Tape">1 NYSE, 2 Arca/American, 3 Nasdaq.</param>
public readonly record struct SimQuote(long SipTimestamp, long ParticipantTimestamp, double BidPrice, double BidSize, int BidExchange, double AskPrice, double AskSize, int AskExchange, long SequenceNumber, int Tape);
