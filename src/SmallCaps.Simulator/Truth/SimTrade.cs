namespace SmallCaps.Simulator.Truth;

/// <summary>A trade exactly as the simulator serves it (prices are raw, never split-adjusted).</summary>
/// <param name="SipTimestamp">Unix ns (<c>sip_timestamp</c>).</param>
/// <param name="ParticipantTimestamp">Unix ns (<c>participant_timestamp</c>).</param>
/// <param name="TrfTimestamp">Unix ns for trades reported to a TRF (<c>trf_timestamp</c>), else null.</param>
/// <param name="Price">Price.</param>
/// <param name="Size">Size in shares (fractional from 2026).</param>
/// <param name="Exchange">Exchange id.</param>
/// <param name="Id">Trade id.</param>
/// <param name="SequenceNumber">Sequence number (resets daily).</param>
/// <param name="Tape">1 NYSE, 2 Arca/American, 3 Nasdaq.</param>
/// <param name="Conditions">Condition codes, null when none.</param>
/// <param name="TrfId">TRF id, null when not a TRF trade.</param>
public sealed record SimTrade(long SipTimestamp, long ParticipantTimestamp, long? TrfTimestamp, double Price, double Size, int Exchange, string Id, long SequenceNumber, int Tape, IReadOnlyList<int>? Conditions, int? TrfId);
